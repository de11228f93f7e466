// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/storefixture.h"

#include "core/base/language.h"
#include "ui/importdialog.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTableWidget>
#include <QTranslator>
#include <QUrl>

using namespace hd;

namespace {

QString data(const QString &relative)
{
    return qEnvironmentVariable("HELPDESK_SOURCE_DIR") + "/tests/data/" + relative;
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

/// A KakaoTalk (Android, English) export: `sessions` one-message conversations an hour apart.
QByteArray bigExport(int sessions)
{
    QByteArray out = "KakaoTalk Chats with Big Room\nDate Saved : March 1, 2030, 9:00 AM\n\n";
    const QLocale c = QLocale::c();
    QDateTime at(QDate(2024, 1, 1), QTime(9, 0));
    for (int i = 0; i < sessions; ++i, at = at.addSecs(3600))
        out += (c.toString(at, "MMMM d, yyyy, h:mm AP") + ", Customer " + QString::number(i % 40)
                + " : question " + QString::number(i) + "\n")
                   .toUtf8();
    return out;
}

template<typename T>
T *child(QWidget &w, const char *name)
{
    T *c = w.findChild<T *>(QString::fromLatin1(name));
    if (!c)
        qFatal("no child %s", name);
    return c;
}

bool onSummary(ImportDialog &d)
{
    return child<QWidget>(d, "importSummary")->isVisible();
}

int number(ImportDialog &d, const char *label)
{
    return QLocale().toInt(child<QLabel>(d, label)->text());
}

QListWidgetItem *senderItem(QListWidget *agents, const QString &key)
{
    for (int i = 0; i < agents->count(); ++i)
        if (agents->item(i)->data(Qt::UserRole).toString() == key)
            return agents->item(i);
    return nullptr;
}

} // namespace

class TestImportDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(m_language.apply(QStringLiteral("en"))); }

    void cleanup() { ImportDialog::setWorkerProgressHook({}); }

    void importsAKakaoExportWithATickedAgent()
    {
        StoreFixture f;
        ImportDialog d(*f.db, f.clock);
        QSignalSpy imported(&d, &ImportDialog::imported);
        d.show();
        d.setPath(data("kakao/pc-ko.txt"));
        auto *agents = child<QListWidget>(d, "importAgents");
        auto *start = child<QPushButton>(d, "importStart");
        QTRY_VERIFY(start->isEnabled()); // the file was read on the worker
        QVERIFY(child<QLabel>(d, "importStatus")->text().contains("kakao-pc-ko"));
        QListWidgetItem *agent = senderItem(agents, QStringLiteral("상담사 B"));
        QVERIFY(agent);
        QCOMPARE(agent->checkState(), Qt::Unchecked);
        QVERIFY(senderItem(agents, QStringLiteral("김철수")));
        agent->setCheckState(Qt::Checked);
        auto *zone = child<QComboBox>(d, "importTimeZone");
        zone->setCurrentIndex(zone->findData(QByteArray("Asia/Seoul")));
        QVERIFY(zone->currentIndex() >= 0);

        QTest::mouseClick(start, Qt::LeftButton);
        QTRY_VERIFY(onSummary(d));
        QCOMPARE(imported.count(), 1);

        QCOMPARE(number(d, "importTicketsCreated"), int(f.count("tickets")));
        QCOMPARE(imported.first().first().value<QList<RowId>>().size(), f.count("tickets"));
        const qint64 system
            = f.db->scalar("SELECT count(*) FROM messages WHERE author_kind = 'system'")
                  ->toLongLong();
        QCOMPARE(number(d, "importSystemEvents"), int(system));
        QCOMPARE(number(d, "importMessagesAdded"), int(f.count("messages") - system));
        QCOMPARE(number(d, "importMessagesSkipped"), 0);
        // The ticked sender answered as an agent, every one of its messages.
        const qint64 byAgent
            = f.db->scalar("SELECT count(*) FROM messages m JOIN agents a ON a.id = "
                           "m.author_agent_id WHERE a.name = '상담사 B'")
                  ->toLongLong();
        QCOMPARE(byAgent, 4); // its four messages; the fifth line about it is a system line
        QCOMPARE(child<QTableWidget>(d, "importProblems")->rowCount(), 0);
        QVERIFY(child<QPushButton>(d, "importClose")->isVisible());
        QVERIFY(!child<QPushButton>(d, "importCancel")->isVisible());
    }

    void garbageLinesAreListedWithTheirNumbers()
    {
        QTemporaryDir dir;
        StoreFixture f;
        // A KakaoTalk Mac CSV whose lines 3 and 5 are not rows of date, user and message.
        const QString path = writeFile(dir, "broken.csv",
                                       "Date,User,Message\n"
                                       "2015-07-09 00:05:10,\"김철수\",\"배송 문의\"\n"
                                       "@@@ garbage @@@\n"
                                       "2015-07-09 00:06:00,\"상담사\",\"확인하겠습니다\"\n"
                                       "yesterday,nobody,?\n");
        ImportDialog d(*f.db, f.clock);
        d.show();
        d.setPath(path);
        auto *start = child<QPushButton>(d, "importStart");
        QTRY_VERIFY(start->isEnabled());
        QTest::mouseClick(start, Qt::LeftButton);
        QTRY_VERIFY(onSummary(d));
        auto *table = child<QTableWidget>(d, "importProblems");
        QCOMPARE(table->rowCount(), 2);
        QCOMPARE(table->item(0, 0)->data(Qt::DisplayRole).toInt(), 3);
        QCOMPARE(table->item(0, 2)->text(), QString("@@@ garbage @@@"));
        QVERIFY(!table->item(0, 1)->text().isEmpty());
        QCOMPARE(table->item(1, 0)->data(Qt::DisplayRole).toInt(), 5);
        QVERIFY(child<QLabel>(d, "importProblemsTitle")->text().contains("2"));

        // Copyable: the button copies every row as tab-separated text.
        QTest::mouseClick(child<QPushButton>(d, "importCopy"), Qt::LeftButton);
        const QStringList lines = QApplication::clipboard()->text().split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3); // header + two problems
        QVERIFY(lines[1].startsWith("3\t"));
        QVERIFY(lines[2].startsWith("5\t"));
        QVERIFY(lines[2].endsWith("yesterday,nobody,?"));
    }

    void cancelStopsBetweenTransactionsAndARerunCompletes()
    {
        QTemporaryDir dir;
        StoreFixture f;
        constexpr int kSessions = 3000;
        const QString path = writeFile(dir, "big.txt", bigExport(kSessions));
        // The worker waits at its first report until Cancel has been clicked on the GUI thread.
        QSemaphore reached, go;
        auto unblock = qScopeGuard([&go] { go.release(1000); }); // never leave the worker waiting
        std::atomic_bool once{false};
        ImportDialog::setWorkerProgressHook([&](qint64 done, qint64 total) {
            if (done > 0 && done < total && !once.exchange(true)) {
                reached.release();
                go.acquire();
            }
        });
        ImportDialog d(*f.db, f.clock);
        QSignalSpy imported(&d, &ImportDialog::imported);
        d.show();
        d.setPath(path);
        auto *start = child<QPushButton>(d, "importStart");
        QTRY_VERIFY(start->isEnabled());
        QTest::mouseClick(start, Qt::LeftButton);
        QVERIFY(child<QProgressBar>(d, "importProgress")->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(reached.available() > 0, 60000); // (QTRY evaluates twice)
        auto *cancel = child<QPushButton>(d, "importCancel");
        QTest::mouseClick(cancel, Qt::LeftButton);
        QVERIFY(!cancel->isEnabled()); // "Cancelling…" until the transaction ends
        QVERIFY(d.isVisible()); // cancelling an import does not close the dialog
        go.release();
        QTRY_VERIFY(onSummary(d));
        QCOMPARE(imported.count(), 1);
        QVERIFY2(child<QLabel>(d, "importSummaryTitle")->text().contains("cancelled"),
                 qPrintable(child<QLabel>(d, "importSummaryTitle")->text()));
        const qint64 committed = f.count("tickets");
        QVERIFY2(committed > 0 && committed < kSessions, qPrintable(QString::number(committed)));
        QCOMPARE(number(d, "importTicketsCreated"), int(committed));
        d.close();

        // Importing the same file again continues where it stopped.
        ImportDialog again(*f.db, f.clock);
        again.show();
        again.setPath(path);
        QTRY_VERIFY(child<QPushButton>(again, "importStart")->isEnabled());
        QTest::mouseClick(child<QPushButton>(again, "importStart"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(onSummary(again), 60000);
        QCOMPARE(f.count("tickets"), kSessions);
        QCOMPARE(number(again, "importTicketsCreated"), int(kSessions - committed));
        QCOMPARE(number(again, "importMessagesSkipped"), int(committed));
    }

    void unreadableFileKeepsTheDialogOnSetup()
    {
        QTemporaryDir dir;
        StoreFixture f;
        ImportDialog d(*f.db, f.clock);
        d.show();
        d.setPath(writeFile(dir, "notes.txt", "hello\nworld\n"));
        auto *status = child<QLabel>(d, "importStatus");
        QTRY_VERIFY(status->text().contains("notes.txt"));
        QTRY_VERIFY(status->text().contains("KakaoTalk"));
        QVERIFY(!child<QPushButton>(d, "importStart")->isEnabled());
        QCOMPARE(child<QListWidget>(d, "importAgents")->count(), 0);
    }

    void dropsOfFilesAreImportable()
    {
        QMimeData files;
        files.setUrls({QUrl::fromLocalFile("/tmp/chat.txt"), QUrl::fromLocalFile("/tmp/a.png"),
                       QUrl::fromLocalFile("/tmp/export.JSON"), QUrl("https://example.com/x.csv")});
        QVERIFY(ImportDialog::canImport(&files));
        QCOMPARE(ImportDialog::importablePaths(&files),
                 (QStringList{"/tmp/chat.txt", "/tmp/export.JSON"}));

        QMimeData text;
        text.setText("/tmp/chat.txt");
        QVERIFY(!ImportDialog::canImport(&text));
        QVERIFY(ImportDialog::importablePaths(&text).isEmpty());
        QMimeData image;
        image.setUrls({QUrl::fromLocalFile("/tmp/a.png")});
        QVERIFY(!ImportDialog::canImport(&image));
        QVERIFY(!ImportDialog::canImport(nullptr));
    }

    /// The summary page in both languages; HELPDESK_SCREENSHOT_DIR keeps the pictures and
    /// HELPDESK_EXTRA_QM adds a catalogue (translations not merged yet).
    void summaryRendersInBothLanguages()
    {
        QTemporaryDir dir;
        QFile mac(data("kakao/mac.csv"));
        QVERIFY(mac.open(QIODevice::ReadOnly));
        const QString path = writeFile(
            dir, "상담채널.csv", mac.readAll() + "not a row\n2015-07-11 09:00:00,\"김철수\"\n");
        QTranslator extra;
        for (const QString &lang : {QStringLiteral("ko"), QStringLiteral("en")}) {
            Language language;
            QVERIFY(language.apply(lang));
            if (lang == "ko" && !qEnvironmentVariableIsEmpty("HELPDESK_EXTRA_QM")
                && extra.load(qEnvironmentVariable("HELPDESK_EXTRA_QM")))
                QCoreApplication::installTranslator(&extra);
            StoreFixture f; // the same numbers in both pictures
            ImportDialog d(*f.db, f.clock);
            d.show();
            d.setPath(path);
            QTRY_VERIFY(child<QPushButton>(d, "importStart")->isEnabled());
            const QString shots = qEnvironmentVariable("HELPDESK_SCREENSHOT_DIR");
            if (!shots.isEmpty())
                QVERIFY(d.grab().save(shots + "/import-setup-" + lang + ".png"));
            QTest::mouseClick(child<QPushButton>(d, "importStart"), Qt::LeftButton);
            QTRY_VERIFY(onSummary(d));
            const QPixmap shot = d.grab();
            QVERIFY(!shot.isNull());
            const QString title = child<QLabel>(d, "importSummaryTitle")->text();
            QVERIFY(title.contains("상담채널.csv"));
            QCOMPARE(number(d, "importTicketsCreated"), int(f.count("tickets")));
            if (!shots.isEmpty())
                QVERIFY(shot.save(shots + "/import-" + lang + ".png"));
            QCoreApplication::removeTranslator(&extra);
        }
        QVERIFY(m_language.apply(QStringLiteral("en")));
    }

private:
    Language m_language;
};

QTEST_MAIN(TestImportDialog)
#include "tst_importdialog.moc"
