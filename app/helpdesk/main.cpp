// SPDX-License-Identifier: GPL-3.0-or-later
// helpdesk: the desktop client for support agents and managers.
#include "core/base/appinit.h"
#include "core/base/language.h"
#include "core/base/logging.h"
#include "core/base/paths.h"
#include "core/base/settings.h"
#include "core/storage/database.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QTimer>

#include <cstdio>

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
    const QCommandLineOption dbOption(
        QStringLiteral("db"),
        QCoreApplication::translate("main", "Use the SQLite database at <path>."),
        QCoreApplication::translate("main", "path"));
    const QCommandLineOption langOption(
        QStringLiteral("lang"),
        QCoreApplication::translate("main", "User interface language: ko or en."),
        QCoreApplication::translate("main", "code"));
    const QCommandLineOption demoOption(
        QStringLiteral("demo-data"),
        QCoreApplication::translate("main",
                                    "Load demo data into an empty database without asking."));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QCoreApplication::translate("main", "Save a PNG of the main window to <file> and exit."),
        QCoreApplication::translate("main", "file"));
    parser.addOptions({dbOption, langOption, demoOption, screenshotOption});
    parser.process(app);

    if (parser.isSet(langOption) && !hd::Language::supported().contains(parser.value(langOption))) {
        std::fprintf(
            stderr, "%s\n",
            qPrintable(QCoreApplication::translate("main", "Unknown language '%1'; use ko or en.")
                           .arg(parser.value(langOption))));
        return 1;
    }

    hd::installDefaultLogging(settings, QStringLiteral("helpdesk"));

    QString dbPath = parser.value(dbOption);
    if (dbPath.isEmpty())
        dbPath = settings.value(hd::keys::databasePath);
    if (dbPath.isEmpty())
        dbPath = hd::paths::defaultDatabasePath();
    dbPath = QFileInfo(dbPath).absoluteFilePath();
    qCInfo(lcApp) << "starting" << QCoreApplication::applicationVersion() << "language" << langCode
                  << "database" << dbPath;

    auto database = hd::Database::open(dbPath);
    if (!database) {
        QMessageBox::critical(
            nullptr, QCoreApplication::translate("main", "Helpdesk"),
            QCoreApplication::translate("main", "The database could not be opened.\n\n%1")
                .arg(database.errorMessage()));
        return 1;
    }

    hd::MainWindow window(settings, language, **database);
    window.show();

    const bool screenshot = parser.isSet(screenshotOption);
    const auto takeScreenshot = [&window, file = parser.value(screenshotOption)] {
        QTimer::singleShot(500, &window, [&window, file] {
            window.refresh();
            const bool ok = window.grab().save(file, "PNG");
            QCoreApplication::exit(ok ? 0 : 1);
        });
    };
    if (parser.isSet(demoOption)) {
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
    } else {
        QTimer::singleShot(0, &window, [&window] { window.offerDemoData(); });
    }
    return QApplication::exec();
}
