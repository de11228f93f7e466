// SPDX-License-Identifier: GPL-3.0-or-later
// Notifications for tickets assigned to the agent by someone else, each announced once.
#include "support/storefixture.h"

#include "ui/assignmentnotifier.h"

using namespace hd;

class TstAssignmentNotifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void announcesAssignmentsByOthersOnce();
};

void TstAssignmentNotifier::announcesAssignmentsByOthersOnce()
{
    StoreFixture f;
    const Agent me = f.agent(QStringLiteral("Minji"));
    const Agent lead = f.agent(QStringLiteral("Lead"));
    const Customer c = f.customer(QStringLiteral("김영희"));
    AssignmentNotifier n(*f.store, me.id);
    struct Shown
    {
        QString title, text;
        RowId ticket;
    };
    QList<Shown> shown;
    n.setSink([&](const QString &title, const QString &text, RowId t) {
        shown.append({title, text, t});
    });

    const Ticket t1 = f.ticket(QStringLiteral("환불 요청"), QStringLiteral("x"), c.id);
    QVERIFY(shown.isEmpty()); // created, not assigned
    QVERIFY(f.store->assign(t1.id, me.id, Actor::agent(lead.id)));
    QCOMPARE(shown.size(), 1);
    QVERIFY(shown[0].title.contains(QString::number(t1.number)));
    QVERIFY(shown[0].text.contains(QStringLiteral("김영희")));
    QVERIFY(shown[0].text.contains(QStringLiteral("환불 요청")));
    QCOMPARE(shown[0].ticket, t1.id);

    // Other changes of the same ticket do not repeat it.
    QVERIFY(f.store->setPriority(t1.id, Priority::High, Actor::agent(lead.id)));
    QCOMPARE(shown.size(), 1);

    // Taking a ticket oneself is not news; a ticket for someone else neither.
    const Ticket t2 = f.ticket(QStringLiteral("mine"), QStringLiteral("x"));
    QVERIFY(f.store->assign(t2.id, me.id, Actor::agent(me.id)));
    const Ticket t3 = f.ticket(QStringLiteral("theirs"), QStringLiteral("x"));
    QVERIFY(f.store->assign(t3.id, lead.id, Actor::agent(lead.id)));
    QCOMPARE(shown.size(), 1);

    // Reassigned away and back: a new assignment, announced again.
    QVERIFY(f.store->assign(t1.id, lead.id, Actor::agent(lead.id)));
    QVERIFY(f.store->assign(t1.id, me.id, Actor::system()));
    QCOMPARE(shown.size(), 2);
}

QTEST_MAIN(TstAssignmentNotifier)
#include "tst_assignmentnotifier.moc"
