// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/settings.h"

#include <QTemporaryDir>
#include <QTest>

class TestSettings : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaultsWhenUnset()
    {
        QTemporaryDir dir;
        hd::Settings s(dir.filePath(QStringLiteral("s.ini")));
        QCOMPARE(s.value(hd::keys::language), QString());
        QCOMPARE(s.value(hd::keys::logMaxFileKiB), 4096);
        QCOMPARE(s.value(hd::keys::demoDataOffered), false);
    }

    void roundTripPersists()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.ini"));
        {
            hd::Settings s(path);
            s.setValue(hd::keys::language, QStringLiteral("ko"));
            s.setValue(hd::keys::logKeepFiles, 9);
            s.setValue(hd::keys::demoDataOffered, true);
            s.sync();
        }
        hd::Settings again(path);
        QCOMPARE(again.value(hd::keys::language), QStringLiteral("ko"));
        QCOMPARE(again.value(hd::keys::logKeepFiles), 9);
        QCOMPARE(again.value(hd::keys::demoDataOffered), true);
        again.reset(hd::keys::logKeepFiles);
        QCOMPARE(again.value(hd::keys::logKeepFiles), 5);
    }

    void wrongTypeFallsBackToDefault()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.ini"));
        {
            QSettings raw(path, QSettings::IniFormat);
            raw.setValue(QStringLiteral("logging/maxFileKiB"), QStringLiteral("lots"));
        }
        hd::Settings s(path);
        // A non-number must not become a 0-byte log limit.
        QCOMPARE(s.value(hd::keys::logMaxFileKiB), 4096);
    }
};

QTEST_GUILESS_MAIN(TestSettings)
#include "tst_settings.moc"
