// SPDX-License-Identifier: GPL-3.0-or-later
// helpdesk: the desktop client for support agents and managers.
#include "core/base/appinit.h"
#include "core/base/clock.h"
#include "core/base/language.h"
#include "core/base/logging.h"
#include "core/base/paths.h"
#include "core/base/settings.h"
#include "core/storage/database.h"
#include "core/storage/pgdialect.h"
#include "sync/replica.h"
#include "sync/syncsession.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QTimer>

#include <cstdio>

namespace {

/// The command-line options run() reads (made in main() once the language is set, so their
/// help is translated).
struct Options
{
    QCommandLineOption db{QStringLiteral("db"),
                          QCoreApplication::translate("main", "Use the SQLite database at <path>."),
                          QCoreApplication::translate("main", "path")};
    QCommandLineOption demo{QStringLiteral("demo-data"),
                            QCoreApplication::translate(
                                "main", "Load demo data into an empty database without asking.")};
    QCommandLineOption screenshot{
        QStringLiteral("screenshot"),
        QCoreApplication::translate("main", "Save a PNG of the main window to <file> and exit."),
        QCoreApplication::translate("main", "file")};
};

/// Opens the database — a server's replica when an agent is signed in (and no --db was given),
/// else the standalone one — and runs the main window until it closes or asks for a restart.
int run(QApplication &app, const QCommandLineParser &parser, const Options &options,
        hd::Settings &settings, hd::Language &language, bool first)
{
    const QCommandLineOption &dbOption = options.db;
    const QCommandLineOption &demoOption = options.demo;
    const QCommandLineOption &screenshotOption = options.screenshot;
    constexpr int kRestart = 0x5e55;
    const QUrl server(settings.value(hd::keys::serverUrl));
    const QString agentUuid = settings.value(hd::keys::serverAgentUuid);
    const bool replica = !parser.isSet(dbOption) && server.isValid() && !server.host().isEmpty()
        && !agentUuid.isEmpty();
    QString dbPath = parser.value(dbOption);
    if (replica)
        dbPath = hd::sync::SyncSession::replicaPath(hd::paths::dataDir(), server, agentUuid);
    if (dbPath.isEmpty())
        dbPath = settings.value(hd::keys::databasePath);
    if (dbPath.isEmpty())
        dbPath = hd::paths::defaultDatabasePath();
    if (!hd::pg::isUrl(dbPath)) {
        dbPath = QFileInfo(dbPath).absoluteFilePath();
        QDir().mkpath(QFileInfo(dbPath).absolutePath());
    }
    qCInfo(lcApp) << "opening database" << dbPath << (replica ? "(replica)" : "");

    auto database = hd::Database::openLocal(dbPath);
    if (database && replica)
        if (auto installed = hd::sync::replica::install(**database); !installed)
            database = installed.error();
    if (!database) {
        QMessageBox::critical(
            nullptr, QCoreApplication::translate("main", "Helpdesk"),
            QCoreApplication::translate("main", "The database could not be opened.\n\n%1")
                .arg(database.errorMessage()));
        return 1;
    }

    hd::MainWindow window(settings, language, **database);
    // Declared after the window: destroyed first, it stops its worker before the window and the
    // database go.
    std::unique_ptr<hd::sync::SyncSession> session;
    if (replica) {
        session = std::make_unique<hd::sync::SyncSession>(**database, hd::SystemClock::instance());
        window.attachSync(session.get(), server);
        window.startSync();
    }
    QObject::connect(&window, &hd::MainWindow::restartRequested, &app,
                     [] { QCoreApplication::exit(kRestart); });
    window.show();

    const bool screenshot = parser.isSet(screenshotOption);
    const auto takeScreenshot = [&window, file = parser.value(screenshotOption)] {
        QTimer::singleShot(500, &window, [&window, file] {
            window.refresh();
            const bool ok = window.grab().save(file, "PNG");
            QCoreApplication::exit(ok ? 0 : 1);
        });
    };
    if (parser.isSet(demoOption) && !replica) {
        const auto count = (*database)->scalar(QStringLiteral("SELECT count(*) FROM tickets"));
        if (count && count->toLongLong() == 0) {
            QTimer::singleShot(0, &window, [&window] { window.loadDemoData(); });
            if (screenshot) // wait for the data before taking the picture
                QObject::connect(&window, &hd::MainWindow::refreshed, &window, takeScreenshot,
                                 Qt::SingleShotConnection);
        } else if (screenshot) {
            takeScreenshot();
        }
    } else if (screenshot) {
        takeScreenshot();
    } else if (first && !replica) {
        QTimer::singleShot(0, &window, [&window] { window.offerDemoData(); });
    }
    return QApplication::exec();
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    hd::initApplicationInfo();
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/helpdesk.svg")));

    hd::Settings settings;
    hd::Language language;
    const QString langCode = hd::Language::resolve(hd::preScanLanguage(QApplication::arguments()),
                                                   settings.value(hd::keys::language),
                                                   QLocale::system().uiLanguages());
    language.apply(langCode);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Helpdesk desktop client for support agents."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption langOption(
        QStringLiteral("lang"),
        QCoreApplication::translate("main", "User interface language: ko or en."),
        QCoreApplication::translate("main", "code"));
    const Options options;
    parser.addOptions({options.db, langOption, options.demo, options.screenshot});
    parser.process(app);

    if (parser.isSet(langOption) && !hd::Language::supported().contains(parser.value(langOption))) {
        std::fprintf(
            stderr, "%s\n",
            qPrintable(QCoreApplication::translate("main", "Unknown language '%1'; use ko or en.")
                           .arg(parser.value(langOption))));
        return 1;
    }

    hd::installDefaultLogging(settings, QStringLiteral("helpdesk"));
    qCInfo(lcApp) << "starting" << QCoreApplication::applicationVersion() << "language" << langCode;

    // Sign-in and sign-out switch databases: the window closes and opens again on the other one.
    constexpr int kRestart = 0x5e55;
    int rc = kRestart;
    bool first = true;
    while (rc == kRestart) {
        rc = run(app, parser, options, settings, language, first);
        first = false;
    }
    return rc;
}
