// SPDX-License-Identifier: GPL-3.0-or-later
// The new-ticket, merge and split dialogs, driven by objectName like an agent would.
#include "support/storefixture.h"

#include "ui/mergesplitdialogs.h"
#include "ui/newticketdialog.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTest>

using namespace hd;

class TstTicketDialogs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void phoneCallWithNewCustomer();
    void outboundWithKnownCustomer();
    void newTicketNeedsSubjectAndRequester();
    void reusesCustomerByEmail();
    void mergeMovesMessagesAndClosesSources();
    void mergeRejectsItselfAndUnknown();
    void splitMovesTickedMessages();
    void splitNeedsAMessage();
};

template<typename T>
T *child(QWidget &w, const char *name)
{
    auto *c = w.findChild<T *>(QLatin1String(name));
    if (!c)
        qFatal("no child %s", name);
    return c;
}

void TstTicketDialogs::phoneCallWithNewCustomer()
{
    StoreFixture f;
    const Agent me = f.agent(QStringLiteral("Minji"));
    NewTicketDialog d(*f.store, *f.directory, me.id);
    QSignalSpy created(&d, &NewTicketDialog::ticketCreated);
    QCOMPARE(child<QComboBox>(d, "newTicketChannel")->currentData().toInt(), int(Channel::Phone));
    QCOMPARE(child<QComboBox>(d, "newTicketAssignee")->currentData().toLongLong(), me.id);
    child<QLineEdit>(d, "newTicketCustomerName")->setText(QStringLiteral("김철수"));
    child<QLineEdit>(d, "newTicketCustomerPhone")->setText(QStringLiteral("010-1234-5678"));
    child<QLineEdit>(d, "newTicketSubject")->setText(QStringLiteral("환불 요청 전화"));
    child<QPlainTextEdit>(d, "newTicketBody")
        ->setPlainText(QStringLiteral("주문 취소 후 환불 문의"));
    child<QLineEdit>(d, "newTicketTags")->setText(QStringLiteral("refund, 전화"));
    auto *priority = child<QComboBox>(d, "newTicketPriority");
    priority->setCurrentIndex(priority->findData(int(Priority::High)));
    auto r = d.submit();
    QVERIFY2(r, qPrintable(r.errorMessage()));
    QCOMPARE(d.result(), int(QDialog::Accepted));
    QCOMPARE(created.size(), 1);
    const Ticket t = *f.store->ticket(d.createdTicket());
    QCOMPARE(t.channel, Channel::Phone);
    QCOMPARE(t.direction, Direction::Inbound);
    QCOMPARE(t.priority, Priority::High);
    QCOMPARE(t.assigneeId, me.id);
    QCOMPARE(t.status, TicketStatus::Assigned);
    QCOMPARE(t.requesterName, QStringLiteral("김철수"));
    QCOMPARE(t.tags, (QStringList{QStringLiteral("refund"), QStringLiteral("전화")}));
    const auto messages = *f.store->messages(t.id);
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages[0].authorKind, AuthorKind::Customer);
    QVERIFY(f.directory->findCustomerByIdentity(Channel::Phone, QStringLiteral("010-1234-5678")));
}

void TstTicketDialogs::outboundWithKnownCustomer()
{
    StoreFixture f;
    const Agent me = f.agent(QStringLiteral("Minji"));
    const Customer c = f.customer(QStringLiteral("Younghee"));
    NewTicketDialog d(*f.store, *f.directory, me.id);
    child<QRadioButton>(d, "newTicketOutbound")->setChecked(true);
    child<QLineEdit>(d, "newTicketRequesterSearch")->setText(QStringLiteral("Younghee"));
    auto *matches = child<QListWidget>(d, "newTicketMatches");
    QTRY_COMPARE(matches->count(), 1);
    QVERIFY(matches->currentItem());
    child<QLineEdit>(d, "newTicketSubject")
        ->setText(QStringLiteral("Follow-up call about delivery"));
    child<QPlainTextEdit>(d, "newTicketBody")
        ->setPlainText(QStringLiteral("Told her it ships Monday."));
    auto r = d.submit();
    QVERIFY2(r, qPrintable(r.errorMessage()));
    QCOMPARE(r->requesterId, c.id);
    QCOMPARE(r->direction, Direction::Outbound);
    const auto messages = *f.store->messages(r->id);
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages[0].authorKind, AuthorKind::Agent);
    QCOMPARE(messages[0].authorAgentId, me.id);
    QCOMPARE(f.count("customers"), 1);
}

void TstTicketDialogs::newTicketNeedsSubjectAndRequester()
{
    StoreFixture f;
    const Agent me = f.agent(QStringLiteral("Minji"));
    NewTicketDialog d(*f.store, *f.directory, me.id);
    d.show();
    child<QPlainTextEdit>(d, "newTicketBody")->setPlainText(QStringLiteral("long notes"));
    QVERIFY(!d.submit());
    auto *error = child<QLabel>(d, "newTicketError");
    QVERIFY(error->isVisible());
    QVERIFY(error->text().contains(QLatin1String("subject")));
    child<QLineEdit>(d, "newTicketSubject")->setText(QStringLiteral("Something"));
    QVERIFY(!d.submit());
    QVERIFY(error->text().contains(QLatin1String("requester")));
    QVERIFY(d.isVisible()); // nothing typed is lost: the dialog stays open
    QCOMPARE(child<QPlainTextEdit>(d, "newTicketBody")->toPlainText(),
             QStringLiteral("long notes"));
    QCOMPARE(f.count("tickets"), 0);
}

void TstTicketDialogs::reusesCustomerByEmail()
{
    StoreFixture f;
    const Agent me = f.agent(QStringLiteral("Minji"));
    const Customer c = f.customer(QStringLiteral("Sora"));
    NewTicketDialog d(*f.store, *f.directory, me.id);
    child<QLineEdit>(d, "newTicketCustomerName")->setText(QStringLiteral("Sora K."));
    child<QLineEdit>(d, "newTicketCustomerEmail")->setText(QStringLiteral("SORA@customer.test"));
    child<QLineEdit>(d, "newTicketSubject")->setText(QStringLiteral("Walk-in"));
    auto r = d.submit();
    QVERIFY2(r, qPrintable(r.errorMessage()));
    QCOMPARE(r->requesterId, c.id);
    QCOMPARE(f.count("customers"), 1);
}

void TstTicketDialogs::mergeMovesMessagesAndClosesSources()
{
    StoreFixture f;
    const Agent me = f.agent(QStringLiteral("Minji"));
    const Customer c = f.customer(QStringLiteral("Sora"));
    const Ticket a = f.ticket(QStringLiteral("배송 문의"), QStringLiteral("언제 오나요?"), c.id);
    const Ticket b = f.ticket(QStringLiteral("배송 문의 2"), QStringLiteral("아직이요"), c.id);
    const Ticket target = f.ticket(QStringLiteral("배송 지연"), QStringLiteral("주문 123"), c.id);
    MergeDialog d(*f.store, {a.id, b.id}, me.id);
    QSignalSpy merged(&d, &MergeDialog::merged);
    d.setTarget(QString::number(target.number));
    QCOMPARE(d.target(), target.id);
    QVERIFY(child<QLabel>(d, "mergePreview")->text().contains(QStringLiteral("배송 지연")));
    auto r = d.submit();
    QVERIFY2(r, qPrintable(r.errorMessage()));
    QCOMPARE(merged.size(), 1);
    QCOMPARE(f.store->messages(target.id)->size(), 3);
    QCOMPARE(f.store->ticket(a.id)->mergedInto, target.id);
    QCOMPARE(f.store->ticket(b.id)->mergedInto, target.id);
    QCOMPARE(f.store->ticket(a.id)->status, TicketStatus::Closed);
}

void TstTicketDialogs::mergeRejectsItselfAndUnknown()
{
    StoreFixture f;
    const Agent me = f.agent(QStringLiteral("Minji"));
    const Ticket a = f.ticket(QStringLiteral("one"), QStringLiteral("x"));
    MergeDialog d(*f.store, {a.id}, me.id);
    d.setTarget(QString::number(a.number));
    QCOMPARE(d.target(), 0);
    QVERIFY(!d.submit());
    d.setTarget(QStringLiteral("99999"));
    QCOMPARE(d.target(), 0);
    QVERIFY(child<QLabel>(d, "mergePreview")->text().contains(QLatin1String("99999")));
    QCOMPARE(f.store->ticket(a.id)->mergedInto, 0);
}

void TstTicketDialogs::splitMovesTickedMessages()
{
    StoreFixture f;
    const Agent me = f.agent(QStringLiteral("Minji"));
    const Customer c = f.customer(QStringLiteral("Sora"));
    const Ticket t = f.ticket(QStringLiteral("여러 문의"), QStringLiteral("배송은 언제?"), c.id);
    f.reply(t.id, me.id, QStringLiteral("내일 도착합니다"));
    const Message other = f.customerWrites(t.id, c.id, QStringLiteral("그리고 환불도 하고 싶어요"));
    SplitDialog d(*f.store, t.id, me.id);
    QCOMPARE(child<QListWidget>(d, "splitMessages")->count(), 3);
    d.checkMessages({other.id});
    auto r = d.submit();
    QVERIFY2(r, qPrintable(r.errorMessage()));
    QCOMPARE(r->splitFrom, t.id);
    QCOMPARE(r->requesterId, c.id);
    const auto moved = *f.store->messages(r->id);
    QCOMPARE(moved.size(), 1);
    QCOMPARE(moved[0].body, other.body);
    QCOMPARE(f.store->messages(t.id)->size(), 2);
}

void TstTicketDialogs::splitNeedsAMessage()
{
    StoreFixture f;
    const Agent me = f.agent(QStringLiteral("Minji"));
    const Ticket t = f.ticket(QStringLiteral("one"), QStringLiteral("x"));
    SplitDialog d(*f.store, t.id, me.id);
    d.show();
    QVERIFY(!d.submit());
    QVERIFY(child<QLabel>(d, "splitError")->isVisible());
    QCOMPARE(f.count("tickets"), 1);
}

QTEST_MAIN(TstTicketDialogs)
#include "tst_ticketdialogs.moc"
