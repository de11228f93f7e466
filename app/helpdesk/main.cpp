// SPDX-License-Identifier: GPL-3.0-or-later
// helpdesk: the desktop client for support agents and managers.
#include "core/base/appinit.h"
#include "core/base/language.h"
#include "core/base/logging.h"
#include "core/base/paths.h"
#include "core/base/settings.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
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
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QCoreApplication::translate("main", "Save a PNG of the main window to <file> and exit."),
        QCoreApplication::translate("main", "file"));
    parser.addOptions({dbOption, langOption, screenshotOption});
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

    hd::MainWindow window(settings, language, dbPath);
    window.show();

    if (parser.isSet(screenshotOption)) {
        const QString file = parser.value(screenshotOption);
        QTimer::singleShot(500, &window, [&window, file] {
            const bool ok = window.grab().save(file, "PNG");
            QCoreApplication::exit(ok ? 0 : 1);
        });
    }
    return QApplication::exec();
}
