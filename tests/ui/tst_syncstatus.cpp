// SPDX-License-Identifier: GPL-3.0-or-later
// The status bar's sync widget says each state with the changes waiting and the refused
// changes; the rejections dialog lists what the server refused in words (the reply's text, the
// new priority, the reason with its code) and the "overwrote" notices, opens a ticket and
// dismisses rows one by one or all at once.
#include "support/storefixture.h"

#include "sync/replica.h"
#include "ui/rejectionsdialog.h"
#include "ui/syncstatuswidget.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QToolButton>
#include <QTreeWidget>

using namespace hd;

class TestSyncStatus : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void statesAndCounts()
    {
        SyncStatusWidget w;
        auto *label = w.findChild<QLabel *>("syncState");
        auto *badge = w.findChild<QToolButton *>("syncRejections");
        w.show();
        QCOMPARE(label->text(), QString("Signed out"));
        QVERIFY(badge->isHidden());

        w.setMode(SyncStatusWidget::Mode::Online);
        QCOMPARE(label->text(), QString("Online"));
        QCOMPARE(label->toolTip(), QString("Up to date with the server."));
        w.setPending(1);
        QCOMPARE(label->text(), QString("Online · 1 change(s) waiting"));
        w.setMode(SyncStatusWidget::Mode::Syncing);
        w.setPending(12);
        QCOMPARE(label->text(), QString("Syncing… · 12 change(s) waiting"));
        w.setMode(SyncStatusWidget::Mode::Offline, "Connection refused");
        QCOMPARE(label->text(), QString("Offline · 12 change(s) waiting"));
        QCOMPARE(label->toolTip(), QString("Last error: Connection refused"));
        w.setPending(0);
        QCOMPARE(label->text(), QString("Offline"));
        w.setMode(SyncStatusWidget::Mode::SignInAgain, "Host requires authentication");
        QCOMPARE(label->text(), QString("Signed out by the server: sign in again"));
        QCOMPARE(label->toolTip(), QString("Last error: Host requires authentication"));
        w.setMode(SyncStatusWidget::Mode::SignedOut);
        w.setPending(3); // a signed-out desktop does not say what it cannot send
        QCOMPARE(label->text(), QString("Signed out"));

        w.setRejections(2, 0);
        QVERIFY(badge->isVisible());
        QCOMPARE(badge->text(), QString("2 change(s) refused"));
        w.setRejections(1, 1);
        QCOMPARE(badge->text(), QString("1 change(s) refused · 1 notice(s)"));
        w.setRejections(0, 3);
        QCOMPARE(badge->text(), QString("3 notice(s)"));
        QSignalSpy clicked(&w, &SyncStatusWidget::badgeClicked);
        QTest::mouseClick(badge, Qt::LeftButton);
        QCOMPARE(clicked.size(), 1);
        w.setRejections(0, 0);
        QVERIFY(badge->isHidden());
    }

    void rejectionsAreListedInWordsAndDismissed()
    {
        StoreFixture f;
        QVERIFY(bool(sync::replica::install(*f.db)));
        const Agent kim = f.agent("Kim");
        const Ticket t = f.ticket("배송 문의", "언제 오나요");
        const qint64 at
            = QDateTime(QDate(2025, 1, 6), QTime(9, 30), QTimeZone::utc()).toMSecsSinceEpoch();
        const auto add = [&](const QString &op, const QString &ticketUuid, const QString &kind,
                             const QString &payload, const QString &code, const QString &message,
                             qint64 when) {
            QVERIFY(bool(f.db->exec("INSERT INTO sync_rejections(op_id, ticket_uuid, kind, "
                                    "payload, code, message, at) VALUES (?,?,?,?,?,?,?)",
                                    {op, ticketUuid, kind, payload, code, message, when})));
        };
        add("op-1", t.uuid, "add_message", R"({"uuid":"m1","body":"내일 도착합니다"})",
            "transition_not_allowed", "The ticket is closed.", at);
        add("op-2", t.uuid, "set_priority", R"({"priority":"urgent"})", "overwrote",
            QString(R"({"value":"high","by":"%1","at":"2025-01-06T09:10:00Z"})").arg(kim.uuid),
            at + 1000);
        add("op-3", "no-such-ticket", "create_ticket", R"({"subject":"전화 문의"})", "invalid",
            "subject: too long", at + 2000);
        add("op-4", t.uuid, "set_status", R"({"status":"solved"})", "forbidden", "", at - 1000);
        QVERIFY(bool(f.db->exec("UPDATE sync_rejections SET dismissed = 1 WHERE op_id = 'op-4'")));

        RejectionsDialog d(*f.db);
        QTreeWidget *list = d.list();
        QCOMPARE(list->topLevelItemCount(), 3); // dismissed rows stay hidden
        // Newest first.
        const auto row = [list](int r, int c) {
            return list->topLevelItem(r)->text(c);
        };
        QCOMPARE(row(0, RejectionsDialog::TicketColumn), QString("(not on the server)"));
        QCOMPARE(row(0, RejectionsDialog::ChangeColumn), QString("New ticket “전화 문의”"));
        QCOMPARE(row(0, RejectionsDialog::ReasonColumn),
                 QString("The server found the change invalid (invalid): subject: too long"));
        QCOMPARE(row(1, RejectionsDialog::TicketColumn), QString("#%1 배송 문의").arg(t.number));
        QCOMPARE(row(1, RejectionsDialog::ChangeColumn), QString("Priority → Urgent"));
        QCOMPARE(row(1, RejectionsDialog::ReasonColumn),
                 QString("Your change of priority replaced Kim's change to High."));
        QCOMPARE(row(2, RejectionsDialog::ChangeColumn), QString("Reply: “내일 도착합니다”"));
        QCOMPARE(row(2, RejectionsDialog::ReasonColumn),
                 QString("Not allowed in the ticket's status on the server (closed meanwhile?) "
                         "(transition_not_allowed): The ticket is closed."));
        QVERIFY(!row(2, RejectionsDialog::WhenColumn).isEmpty());

        // Open ticket: only for rows whose ticket is here.
        auto *open = d.findChild<QPushButton *>("openTicket");
        QVERIFY(!open->isEnabled()); // the first row's ticket is not on the server
        list->setCurrentItem(list->topLevelItem(2));
        QVERIFY(open->isEnabled());
        QSignalSpy opened(&d, &RejectionsDialog::openTicket);
        open->click();
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.first().at(0).toLongLong(), t.id);

        QSignalSpy dismissed(&d, &RejectionsDialog::dismissed);
        d.findChild<QPushButton *>("dismiss")->click();
        QCOMPARE(dismissed.size(), 1);
        QCOMPARE(list->topLevelItemCount(), 2);
        QCOMPARE(
            f.db->scalar("SELECT dismissed FROM sync_rejections WHERE op_id = 'op-1'")->toInt(), 1);
        QCOMPARE(f.db->scalar("SELECT count(*) FROM sync_rejections WHERE dismissed = 0")->toInt(),
                 2);
        d.findChild<QPushButton *>("dismissAll")->click();
        QCOMPARE(list->topLevelItemCount(), 0);
        QCOMPARE(f.db->scalar("SELECT count(*) FROM sync_rejections WHERE dismissed = 0")->toInt(),
                 0);
        QCOMPARE(f.db->scalar("SELECT count(*) FROM sync_rejections")->toInt(), 4); // kept
        QVERIFY(!d.findChild<QPushButton *>("dismissAll")->isEnabled());
    }
};

QTEST_MAIN(TestSyncStatus)
#include "tst_syncstatus.moc"
