// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/language.h"

#include <QCoreApplication>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

class TestLanguage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void resolveOrder_data()
    {
        QTest::addColumn<QString>("commandLine");
        QTest::addColumn<QString>("setting");
        QTest::addColumn<QStringList>("system");
        QTest::addColumn<QString>("expected");
        QTest::newRow("command line wins") << "ko"
                                           << "en" << QStringList{"en-US"} << "ko";
        QTest::newRow("setting next") << ""
                                      << "ko" << QStringList{"en-US"} << "ko";
        QTest::newRow("system next") << ""
                                     << "" << QStringList{"ko-KR", "en-US"} << "ko";
        QTest::newRow("system underscore") << ""
                                           << "" << QStringList{"ko_KR"} << "ko";
        QTest::newRow("unsupported skipped") << "fr"
                                             << "de" << QStringList{"ja-JP", "ko"} << "ko";
        QTest::newRow("fallback english") << ""
                                          << "" << QStringList{"ja-JP"} << "en";
        QTest::newRow("case and spaces") << " KO "
                                         << "" << QStringList{} << "ko";
    }

    void resolveOrder()
    {
        QFETCH(QString, commandLine);
        QFETCH(QString, setting);
        QFETCH(QStringList, system);
        QFETCH(QString, expected);
        QCOMPARE(hd::Language::resolve(commandLine, setting, system), expected);
    }

    void applyInstallsCatalogueAndLocale()
    {
        hd::Language lang;
        QSignalSpy spy(&lang, &hd::Language::changed);
        QVERIFY(lang.apply(QStringLiteral("ko")));
        QCOMPARE(lang.current(), QStringLiteral("ko"));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(QLocale().language(), QLocale::Korean);
        // A string every window uses must come back in Korean.
        QCOMPARE(QCoreApplication::translate("hd::MainWindow", "Helpdesk"),
                 QStringLiteral("헬프데스크"));
        // Qt's own catalogue is shipped by qt6-translations-l10n.
        QVERIFY2(lang.qtCatalogueLoaded(), "qtbase_ko.qm not found; install qt6-translations-l10n");

        QVERIFY(lang.apply(QStringLiteral("en")));
        QCOMPARE(spy.count(), 2);
        QCOMPARE(QCoreApplication::translate("hd::MainWindow", "Helpdesk"),
                 QStringLiteral("Helpdesk"));
        QCOMPARE(QLocale().language(), QLocale::English);
    }

    void englishPluralsComeFromCatalogue()
    {
        hd::Language lang;
        QVERIFY(lang.apply(QStringLiteral("en")));
        const QString one = QCoreApplication::translate(
            "hd::MainWindow", "Syncing: %n change(s) waiting", nullptr, 1);
        const QString many = QCoreApplication::translate(
            "hd::MainWindow", "Syncing: %n change(s) waiting", nullptr, 3);
        QCOMPARE(one, QStringLiteral("Syncing: 1 change waiting"));
        QCOMPARE(many, QStringLiteral("Syncing: 3 changes waiting"));
    }

    void unsupportedIsRefused()
    {
        hd::Language lang;
        QVERIFY(!lang.apply(QStringLiteral("fr")));
        QVERIFY(lang.current().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestLanguage)
#include "tst_language.moc"
