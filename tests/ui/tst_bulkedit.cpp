// SPDX-License-Identifier: GPL-3.0-or-later
// Bulk changes on a multi-selection: what applies, what is skipped and why, and undo.
#include "support/storefixture.h"

#include "ui/bulkedit.h"

#include <QUndoStack>

using namespace hd;

class TstBulkEdit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void assignSkipsClosedAndUndoes();
    void statusUndoWhenReversible();
    void closingIsNotUndoable();
    void tagsAndPriorityRoundTrip();
    void nothingApplicableIsAnError();
};

namespace {
Ticket reread(StoreFixture &f, RowId id)
{
    return *f.store->ticket(id);
}
} // namespace

void TstBulkEdit::assignSkipsClosedAndUndoes()
{
    StoreFixture f;
    const Agent a = f.agent(QStringLiteral("Minji"));
    const Agent b = f.agent(QStringLiteral("Jisoo"));
    const Ticket t1 = f.ticket(QStringLiteral("one"), QStringLiteral("x"));
    const Ticket t2 = f.ticket(QStringLiteral("two"), QStringLiteral("x"));
    QVERIFY(f.store->assign(t2.id, b.id, Actor::agent(b.id)));
    const Ticket t3 = f.ticket(QStringLiteral("three"), QStringLiteral("x"));
    QVERIFY(f.store->transition(t3.id, TicketStatus::Solved, Actor::agent(a.id)));
    QVERIFY(f.store->transition(t3.id, TicketStatus::Closed, Actor::agent(a.id)));

    auto cmd = BulkEditCommand::apply(*f.store, {t1.id, t2.id, t3.id}, {BulkChange::Assign{a.id}},
                                      Actor::agent(a.id));
    QVERIFY2(cmd, qPrintable(cmd.errorMessage()));
    QCOMPARE((*cmd)->outcome().changed, (QList<RowId>{t1.id, t2.id}));
    QCOMPARE((*cmd)->outcome().skipped.size(), 1);
    QCOMPARE((*cmd)->outcome().skipped[0].first, t3.id);
    QVERIFY((*cmd)->outcome().skipped[0].second.contains(QLatin1String("closed")));
    QVERIFY((*cmd)->outcome().undoable);
    QCOMPARE(reread(f, t1.id).assigneeId, a.id);
    QCOMPARE(reread(f, t1.id).status, TicketStatus::Assigned);
    QCOMPARE(reread(f, t2.id).assigneeId, a.id);

    QUndoStack stack;
    stack.push(cmd->release()); // the first redo must not apply the change twice
    QCOMPARE(f.store->events(t1.id)->size(), 3); // created, assignee, status
    stack.undo();
    QCOMPARE(reread(f, t1.id).assigneeId, 0);
    // Unassigning leaves it open: the workflow never returns a ticket to "new".
    QCOMPARE(reread(f, t1.id).status, TicketStatus::Open);
    QCOMPARE(reread(f, t2.id).assigneeId, b.id);
    QCOMPARE(reread(f, t2.id).status, TicketStatus::Assigned);
    stack.redo();
    QCOMPARE(reread(f, t1.id).assigneeId, a.id);
    QCOMPARE(reread(f, t2.id).assigneeId, a.id);
}

void TstBulkEdit::statusUndoWhenReversible()
{
    StoreFixture f;
    const Agent a = f.agent(QStringLiteral("Minji"));
    const Ticket t1 = f.ticket(QStringLiteral("one"), QStringLiteral("x"));
    QVERIFY(f.store->assign(t1.id, a.id, Actor::agent(a.id)));
    auto cmd = BulkEditCommand::apply(
        *f.store, {t1.id}, {BulkChange::SetStatus{TicketStatus::Solved}}, Actor::agent(a.id));
    QVERIFY2(cmd, qPrintable(cmd.errorMessage()));
    QVERIFY((*cmd)->outcome().undoable);
    QCOMPARE(reread(f, t1.id).status, TicketStatus::Solved);
    (*cmd)->undo();
    QVERIFY((*cmd)->lastError().isEmpty());
    QCOMPARE(reread(f, t1.id).status, TicketStatus::Assigned);

    // new → solved cannot be walked back (solved never returns to new).
    const Ticket t2 = f.ticket(QStringLiteral("two"), QStringLiteral("x"));
    auto solveNew = BulkEditCommand::apply(
        *f.store, {t2.id}, {BulkChange::SetStatus{TicketStatus::Solved}}, Actor::agent(a.id));
    QVERIFY(solveNew);
    QVERIFY(!(*solveNew)->outcome().undoable);
}

void TstBulkEdit::closingIsNotUndoable()
{
    StoreFixture f;
    const Agent a = f.agent(QStringLiteral("Minji"));
    const Ticket t1 = f.ticket(QStringLiteral("one"), QStringLiteral("x"));
    const Ticket t2 = f.ticket(QStringLiteral("two"), QStringLiteral("x"));
    QVERIFY(f.store->transition(t1.id, TicketStatus::Solved, Actor::agent(a.id)));
    auto cmd
        = BulkEditCommand::apply(*f.store, {t1.id, t2.id},
                                 {BulkChange::SetStatus{TicketStatus::Closed}}, Actor::agent(a.id));
    QVERIFY2(cmd, qPrintable(cmd.errorMessage()));
    QCOMPARE((*cmd)->outcome().changed, QList<RowId>{t1.id});
    QCOMPARE((*cmd)->outcome().skipped.size(), 1); // new cannot be closed directly
    QVERIFY(!(*cmd)->outcome().undoable);
    QCOMPARE(reread(f, t1.id).status, TicketStatus::Closed);
}

void TstBulkEdit::tagsAndPriorityRoundTrip()
{
    StoreFixture f;
    const Agent a = f.agent(QStringLiteral("Minji"));
    NewTicket n;
    n.subject = QStringLiteral("tagged");
    n.tags = {QStringLiteral("vip"), QStringLiteral("배송")};
    const Ticket t1 = *f.store->create(n);
    const Ticket t2 = f.ticket(QStringLiteral("plain"), QStringLiteral("x"));
    auto tags = BulkEditCommand::apply(
        *f.store, {t1.id, t2.id},
        {BulkChange::EditTags{{QStringLiteral("환불")}, {QStringLiteral("vip")}}},
        Actor::agent(a.id));
    QVERIFY2(tags, qPrintable(tags.errorMessage()));
    QCOMPARE(reread(f, t1.id).tags, (QStringList{QStringLiteral("배송"), QStringLiteral("환불")}));
    QCOMPARE(reread(f, t2.id).tags, QStringList{QStringLiteral("환불")});
    (*tags)->undo();
    QCOMPARE(reread(f, t1.id).tags, (QStringList{QStringLiteral("vip"), QStringLiteral("배송")}));
    QCOMPARE(reread(f, t2.id).tags, QStringList());

    auto prio = BulkEditCommand::apply(
        *f.store, {t1.id, t2.id}, {BulkChange::SetPriority{Priority::Urgent}}, Actor::agent(a.id));
    QVERIFY(prio);
    QCOMPARE(reread(f, t2.id).priority, Priority::Urgent);
    (*prio)->undo();
    QCOMPARE(reread(f, t1.id).priority, Priority::Normal);
    QCOMPARE(reread(f, t2.id).priority, Priority::Normal);
}

void TstBulkEdit::nothingApplicableIsAnError()
{
    StoreFixture f;
    const Agent a = f.agent(QStringLiteral("Minji"));
    const Ticket t1 = f.ticket(QStringLiteral("one"), QStringLiteral("x"));
    const qint64 events = f.count("events");
    auto cmd = BulkEditCommand::apply(
        *f.store, {t1.id}, {BulkChange::SetPriority{Priority::Normal}}, Actor::agent(a.id));
    QVERIFY(!cmd);
    QVERIFY(cmd.errorMessage().contains(QLatin1String("priority")));
    QCOMPARE(f.count("events"), events);
}

QTEST_MAIN(TstBulkEdit)
#include "tst_bulkedit.moc"
