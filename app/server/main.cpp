// SPDX-License-Identifier: GPL-3.0-or-later
// helpdesk-server: shares one ticket base among a team over HTTP.
#include "core/base/appinit.h"
#include "core/base/language.h"
#include "core/base/settings.h"
#include "server/server.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLocale>

#include <cstdio>

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
    const QCommandLineOption langOption(
        QStringLiteral("lang"),
        QCoreApplication::translate("server", "Language of messages: ko or en."),
        QCoreApplication::translate("server", "code"));
    parser.addOptions({dbOption, listenOption, langOption});
    parser.process(app);

    hd::server::ServerOptions options;
    options.database = parser.value(dbOption);
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
