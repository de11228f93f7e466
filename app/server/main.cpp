// SPDX-License-Identifier: GPL-3.0-or-later
// helpdesk-server: shares one ticket base among a team over HTTP.
#include "core/base/appinit.h"
#include "core/base/clock.h"
#include "core/base/language.h"
#include "core/base/settings.h"
#include "core/storage/database.h"
#include "core/storage/pgdialect.h"
#include "server/auth.h"
#include "server/dbcopy.h"
#include "server/server.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLocale>

#include <cstdio>
#include <iostream>
#include <string>

namespace {
int fail(const QString &message)
{
    std::fprintf(stderr, "%s\n", qPrintable(message));
    return 1;
}

/// helpdesk-server admin create --email E --name N [--role R]: the password comes from
/// HELPDESK_ADMIN_PASSWORD or the first line of stdin (never from the command line, which
/// other users can read in the process list).
int adminCreate(const QString &dbSpec, const QString &email, const QString &name,
                const QString &roleName)
{
    const auto role = hd::parseAgentRole(roleName);
    if (!role)
        return fail(
            QCoreApplication::translate("server", "Unknown role '%1'; use agent, manager or admin.")
                .arg(roleName));
    if (email.isEmpty() || name.isEmpty())
        return fail(
            QCoreApplication::translate("server", "admin create needs --email and --name."));
    QString password = qEnvironmentVariable("HELPDESK_ADMIN_PASSWORD");
    if (password.isEmpty()) {
        std::string line;
        std::getline(std::cin, line);
        password = QString::fromStdString(line);
        if (password.endsWith(QLatin1Char('\r')))
            password.chop(1);
    }
    QString error;
    const QString path = hd::server::Server::databasePath(dbSpec, &error);
    if (path.isEmpty())
        return fail(error);
    auto db = hd::Database::open(path);
    if (!db)
        return fail(db.errorMessage());
    hd::server::Accounts accounts(**db, hd::SystemClock::instance());
    auto agent = accounts.createAccount(email, name, *role, password);
    if (!agent)
        return fail(agent.errorMessage());
    std::printf("%s\n",
                qPrintable(QCoreApplication::translate("server", "Created %1 account %2 (id %3).")
                               .arg(hd::wireName(agent->role), agent->email)
                               .arg(agent->id)));
    return 0;
}
/// helpdesk-server copy --from SPEC --db SPEC: moves a server's database (SQLite) into a new
/// one (PostgreSQL), see server/dbcopy.h.
int copyCommand(const QString &fromSpec, const QString &toSpec)
{
    if (fromSpec.isEmpty() || toSpec.isEmpty())
        return fail(QCoreApplication::translate(
            "server", "copy needs --from (the database to copy) and --db (the new one)."));
    QString error;
    const QString fromPath = hd::server::Server::databasePath(fromSpec, &error);
    if (fromPath.isEmpty())
        return fail(error);
    const QString toPath = hd::server::Server::databasePath(toSpec, &error);
    if (toPath.isEmpty())
        return fail(error);
    if (!hd::pg::isUrl(fromPath) && !QFileInfo(fromPath).isFile())
        return fail(
            QCoreApplication::translate("server", "There is no database file %1.").arg(fromPath));
    auto from = hd::Database::open(fromPath);
    if (!from)
        return fail(from.errorMessage());
    auto to = hd::Database::open(toPath);
    if (!to)
        return fail(to.errorMessage());
    QElapsedTimer timer;
    timer.start();
    auto report = hd::server::copyDatabase(**from, **to, [](const QString &table, qint64 rows) {
        std::printf(
            "%s\n",
            qPrintable(QCoreApplication::translate("server", "%1: %Ln row(s)", nullptr, int(rows))
                           .arg(table)));
        std::fflush(stdout);
    });
    if (!report)
        return fail(report.errorMessage());
    std::printf(
        "%s\n",
        qPrintable(QCoreApplication::translate("server",
                                               "Copied %L1 rows into %2 in %L3 s; nothing was "
                                               "changed in %4.")
                       .arg(report->rows)
                       .arg((*to)->path())
                       .arg(double(timer.elapsed()) / 1000.0, 0, 'f', 1)
                       .arg((*from)->path())));
    return 0;
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    hd::initApplicationInfo();
    hd::Settings settings;
    hd::Language language;
    language.apply(hd::Language::resolve(hd::preScanLanguage(QCoreApplication::arguments()),
                                         settings.value(hd::keys::language),
                                         QLocale::system().uiLanguages()));

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "server", "Helpdesk server: sync API, admin API, customer portal."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dbOption(
        QStringLiteral("db"),
        QCoreApplication::translate("server", "Database: sqlite:PATH or postgresql://..."),
        QCoreApplication::translate("server", "url"));
    const QCommandLineOption listenOption(
        QStringLiteral("listen"),
        QCoreApplication::translate("server",
                                    "Address and port to listen on (default 127.0.0.1:8080)."),
        QCoreApplication::translate("server", "host:port"), QStringLiteral("127.0.0.1:8080"));
    const QCommandLineOption attachmentsOption(
        QStringLiteral("attachments"),
        QCoreApplication::translate("server",
                                    "Folder of attachment files (default: 'attachments' next to a "
                                    "SQLite database, or in the data folder). Instances sharing "
                                    "one PostgreSQL must share this folder too."),
        QCoreApplication::translate("server", "dir"));
    const QCommandLineOption fromOption(
        QStringLiteral("from"),
        QCoreApplication::translate("server", "copy: the database to copy (sqlite:PATH)."),
        QCoreApplication::translate("server", "url"));
    const QCommandLineOption proxyOption(
        QStringLiteral("trusted-proxy"),
        QCoreApplication::translate("server",
                                    "Address of a load balancer or reverse proxy whose "
                                    "X-Forwarded-For header names the client (repeatable)."),
        QCoreApplication::translate("server", "address"));
    const QCommandLineOption langOption(
        QStringLiteral("lang"),
        QCoreApplication::translate("server", "Language of messages: ko or en."),
        QCoreApplication::translate("server", "code"));
    const QCommandLineOption emailOption(
        QStringLiteral("email"),
        QCoreApplication::translate("server", "admin create: the account's email address."),
        QCoreApplication::translate("server", "email"));
    const QCommandLineOption nameOption(
        QStringLiteral("name"),
        QCoreApplication::translate("server", "admin create: the account's display name."),
        QCoreApplication::translate("server", "name"));
    const QCommandLineOption roleOption(
        QStringLiteral("role"),
        QCoreApplication::translate("server", "admin create: agent, manager or admin (default)."),
        QCoreApplication::translate("server", "role"), QStringLiteral("admin"));
    parser.addOptions({dbOption, listenOption, attachmentsOption, proxyOption, fromOption,
                       langOption, emailOption, nameOption, roleOption});
    parser.addPositionalArgument(
        QStringLiteral("admin"),
        QCoreApplication::translate(
            "server",
            "'admin create --email E --name N [--role R]' makes an account (the password is read "
            "from HELPDESK_ADMIN_PASSWORD or stdin) and exits. 'copy --from sqlite:PATH --db "
            "postgresql://...' copies a whole database into a new, empty one and exits."),
        QStringLiteral("[admin create | copy]"));
    parser.process(app);

    const QStringList args = parser.positionalArguments();
    if (args == QStringList{QStringLiteral("admin"), QStringLiteral("create")})
        return adminCreate(parser.value(dbOption), parser.value(emailOption),
                           parser.value(nameOption), parser.value(roleOption));
    if (args == QStringList{QStringLiteral("copy")})
        return copyCommand(parser.value(fromOption), parser.value(dbOption));
    if (!args.isEmpty())
        return fail(
            QCoreApplication::translate(
                "server", "Unknown command '%1'; the commands are 'admin create' and 'copy'.")
                .arg(args.join(QLatin1Char(' '))));

    hd::server::ServerOptions options;
    options.database = parser.value(dbOption);
    options.attachmentsDir = parser.value(attachmentsOption);
    for (const QString &proxy : parser.values(proxyOption)) {
        const QHostAddress a(proxy);
        if (a.isNull())
            return fail(QCoreApplication::translate("server",
                                                    "Invalid --trusted-proxy '%1'; expected an IP "
                                                    "address.")
                            .arg(proxy));
        options.trustedProxies << a;
    }
    const QString listen = parser.value(listenOption);
    const qsizetype colon = listen.lastIndexOf(QLatin1Char(':'));
    bool portOk = false;
    const uint port = colon > 0 ? listen.mid(colon + 1).toUInt(&portOk) : 0;
    QHostAddress address(colon > 0
                             ? listen.left(colon).remove(QLatin1Char('[')).remove(QLatin1Char(']'))
                             : QString());
    if (!portOk || port > 65535 || address.isNull()) {
        std::fprintf(stderr, "%s\n",
                     qPrintable(QCoreApplication::translate(
                                    "server", "Invalid --listen '%1'; expected HOST:PORT.")
                                    .arg(listen)));
        return 1;
    }
    options.address = address;
    options.port = quint16(port);

    hd::installDefaultLogging(settings, QStringLiteral("helpdesk-server"));
    hd::server::Server server(options);
    if (!server.start()) {
        std::fprintf(stderr, "%s\n", qPrintable(server.errorString()));
        return 1;
    }
    std::printf("%s\n",
                qPrintable(QCoreApplication::translate("server", "Listening on http://%1:%2/")
                               .arg(options.address.toString())
                               .arg(server.port())));
    std::fflush(stdout);
    return QCoreApplication::exec();
}
