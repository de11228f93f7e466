// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/domain/workflow.h"

#include <QTest>

using hd::TicketStatus;

class TestWorkflow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyPair_data()
    {
        QTest::addColumn<TicketStatus>("from");
        QTest::addColumn<TicketStatus>("to");
        QTest::addColumn<bool>("allowed");
        // The table of DESIGN.md, written out independently of workflow.cpp.
        const QSet<QString> allowed = {
            "new>open",        "new>assigned",    "new>solved",       "open>assigned",
            "open>pending",    "open>solved",     "assigned>open",    "assigned>pending",
            "assigned>solved", "pending>open",    "pending>assigned", "pending>solved",
            "solved>open",     "solved>assigned", "solved>closed",
        };
        for (TicketStatus from : hd::kAllStatuses)
            for (TicketStatus to : hd::kAllStatuses) {
                const QString key = hd::wireName(from) + ">" + hd::wireName(to);
                QTest::newRow(qPrintable(key)) << from << to << allowed.contains(key);
            }
    }

    void everyPair()
    {
        QFETCH(TicketStatus, from);
        QFETCH(TicketStatus, to);
        QFETCH(bool, allowed);
        QCOMPARE(hd::workflow::isAllowed(from, to), allowed);
        const auto r = hd::workflow::checkTransition(from, to);
        QCOMPARE(r.ok(), allowed);
        if (!allowed) {
            QCOMPARE(r.errorCode(), hd::ErrorCode::Conflict);
            // The message names both statuses.
            QVERIFY2(r.errorMessage().contains(hd::wireName(from)), qPrintable(r.errorMessage()));
            if (from != to)
                QVERIFY2(r.errorMessage().contains(hd::wireName(to)), qPrintable(r.errorMessage()));
        }
    }

    void closedIsFinal()
    {
        QVERIFY(hd::workflow::allowedTargets(TicketStatus::Closed).isEmpty());
        QVERIFY(hd::workflow::checkTransition(TicketStatus::Closed, TicketStatus::Open)
                    .errorMessage()
                    .contains("follow-up"));
    }

    void customerReplyReopens_data()
    {
        QTest::addColumn<TicketStatus>("current");
        QTest::addColumn<bool>("hasAssignee");
        QTest::addColumn<int>("expected"); // -1 = refused
        QTest::newRow("solved, assigned")
            << TicketStatus::Solved << true << int(TicketStatus::Assigned);
        QTest::newRow("solved, nobody") << TicketStatus::Solved << false << int(TicketStatus::Open);
        QTest::newRow("pending, assigned")
            << TicketStatus::Pending << true << int(TicketStatus::Assigned);
        QTest::newRow("pending, nobody")
            << TicketStatus::Pending << false << int(TicketStatus::Open);
        QTest::newRow("new stays") << TicketStatus::New << false << int(TicketStatus::New);
        QTest::newRow("assigned stays")
            << TicketStatus::Assigned << true << int(TicketStatus::Assigned);
        QTest::newRow("closed refuses") << TicketStatus::Closed << true << -1;
    }

    void customerReplyReopens()
    {
        QFETCH(TicketStatus, current);
        QFETCH(bool, hasAssignee);
        QFETCH(int, expected);
        const auto next = hd::workflow::statusAfterCustomerReply(current, hasAssignee);
        if (expected < 0)
            QVERIFY(!next);
        else
            QCOMPARE(int(*next), expected);
    }

    void assignmentMovesStatus()
    {
        using hd::workflow::statusAfterAssignment;
        QCOMPARE(statusAfterAssignment(TicketStatus::New, true), TicketStatus::Assigned);
        QCOMPARE(statusAfterAssignment(TicketStatus::Open, true), TicketStatus::Assigned);
        QCOMPARE(statusAfterAssignment(TicketStatus::Assigned, false), TicketStatus::Open);
        QCOMPARE(statusAfterAssignment(TicketStatus::Pending, true), TicketStatus::Pending);
        QCOMPARE(statusAfterAssignment(TicketStatus::Solved, false), TicketStatus::Solved);
    }

    void namesRoundTrip()
    {
        for (TicketStatus s : hd::kAllStatuses)
            QCOMPARE(hd::parseStatus(hd::wireName(s)), s);
        for (hd::Channel c : hd::kAllChannels)
            QCOMPARE(hd::parseChannel(hd::wireName(c)), c);
        QVERIFY(!hd::parseStatus(u"reopened"));
        QCOMPARE(hd::parseStatus(u" Solved "), TicketStatus::Solved);
    }
};

QTEST_GUILESS_MAIN(TestWorkflow)
#include "tst_workflow.moc"
