// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/logging.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

class TestLogging : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup() { hd::logging::uninstallFileLog(); }

    void writesCategoryAndMessage()
    {
        QTemporaryDir dir;
        hd::logging::FileLogOptions o{dir.path(), QStringLiteral("t"), 1 << 20, 2, false};
        QVERIFY(hd::logging::installFileLog(o));
        qCWarning(lcSync) << "push failed: 503";
        const QString file = hd::logging::currentLogFile();
        hd::logging::uninstallFileLog();
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY2(text.contains("warning helpdesk.sync: push failed: 503"), text.constData());
    }

    void rotatesAndKeepsBoundedNumberOfFiles()
    {
        QTemporaryDir dir;
        hd::logging::FileLogOptions o{dir.path(), QStringLiteral("r"), 2000, 2, false};
        QVERIFY(hd::logging::installFileLog(o));
        for (int i = 0; i < 200; ++i)
            qCInfo(lcStorage) << "line" << i << QByteArray(40, 'x');
        hd::logging::uninstallFileLog();
        QDir d(dir.path());
        const QStringList files = d.entryList({QStringLiteral("r*.log")}, QDir::Files, QDir::Name);
        QCOMPARE(files, (QStringList{"r.1.log", "r.2.log", "r.log"}));
        for (const QString &name : files)
            QVERIFY(QFileInfo(d.filePath(name)).size() <= 2000);
        QFile last(d.filePath(QStringLiteral("r.log")));
        QVERIFY(last.open(QIODevice::ReadOnly));
        QVERIFY(last.readAll().contains("line 199 "));
    }
};

QTEST_GUILESS_MAIN(TestLogging)
#include "tst_logging.moc"
