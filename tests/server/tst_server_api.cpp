// SPDX-License-Identifier: GPL-3.0-or-later
// The API's routes over HTTP: JSON errors, the served OpenAPI document covering the route table,
// ticket list paging and filters, one ticket with its internal notes.
#include "serverfixture.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>

using namespace hd;
using namespace hd::server;

class TestServerApi : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void errorsAndRoutingAnswerJson()
    {
        ServerFixture f;
        Reply r = f.send("GET", "/api/v1/nothing-here");
        QCOMPARE(r.status, 404);
        QCOMPARE(r.errorCode(), QString("not_found"));
        r = f.send("DELETE", "/api/v1/agents");
        QCOMPARE(r.status, 405);
        QCOMPARE(r.errorCode(), QString("method_not_allowed"));
        r = f.send("GET", "/api/v1/openapi.yaml");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.contentType, QByteArray("application/yaml"));
        QVERIFY(r.body.startsWith("# SPDX"));
        QVERIFY(r.body.contains("openapi: 3.1.0"));
        // Every route of the table is described in the document, with its method.
        const QString doc = QString::fromUtf8(r.body);
        for (const Route &route : f.server->router()->routes()) {
            const qsizetype at = doc.indexOf("\n  " + route.pattern + ":\n");
            QVERIFY2(at >= 0, qPrintable(route.pattern));
            qsizetype end = doc.indexOf(QRegularExpression("\n  [/a-z]"), at + 1);
            const QString section = doc.mid(at, end < 0 ? -1 : end - at);
            QVERIFY2(section.contains("\n    " + QString::fromLatin1(route.method.toLower()) + ":"),
                     qPrintable(route.pattern));
        }
    }

    void ticketsAreListedAndShownToAgents()
    {
        ServerFixture f;
        const Agent someone = f.agent("Choi");
        Ticket first = f.ticket("배송 문의", "배송이 안 와요");
        f.clock.advanceSecs(60);
        Ticket second = f.ticket("환불 문의", "환불해 주세요");
        f.clock.advanceSecs(60);
        Ticket third = f.ticket("결제 오류", "결제가 안 돼요");
        f.clock.advanceSecs(60);
        NewMessage note;
        note.authorId = someone.id;
        note.visibility = Visibility::Internal;
        note.body = "내부 메모: 고객에게 전화함";
        QVERIFY(bool(f.store->addMessage(second.id, note)));
        f.clock.advanceSecs(60);
        QVERIFY(bool(f.store->transition(first.id, TicketStatus::Open, Actor::system())));
        const QByteArray agent = f.bearer("agent@example.com");

        Reply page = f.send("GET", "/api/v1/tickets?limit=2", {}, agent);
        QCOMPARE(page.status, 200);
        QJsonArray rows = page.json.value("tickets").toArray();
        QCOMPARE(rows.size(), 2);
        // Newest update first: first (just transitioned), then second (note).
        QCOMPARE(rows[0].toObject().value("number").toInteger(), first.number);
        QCOMPARE(rows[1].toObject().value("number").toInteger(), second.number);
        const QString next = page.json.value("next_cursor").toString();
        QVERIFY(!next.isEmpty());
        page = f.send("GET", "/api/v1/tickets?limit=2&after=" + next, {}, agent);
        rows = page.json.value("tickets").toArray();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0].toObject().value("number").toInteger(), third.number);
        QVERIFY(page.json.value("next_cursor").isNull());

        page = f.send("GET", "/api/v1/tickets?status=open", {}, agent);
        rows = page.json.value("tickets").toArray();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0].toObject().value("status").toString(), QString("open"));
        QCOMPARE(
            f.send("GET", "/api/v1/tickets?status=new,open", {}, agent)
                .json.value("tickets")
                .toArray()
                .size(),
            f.db->scalar("SELECT count(*) FROM tickets WHERE status IN ('new', 'open')")->toInt());
        QCOMPARE(f.send("GET", "/api/v1/tickets?limit=0", {}, agent).status, 400);
        QCOMPARE(f.send("GET", "/api/v1/tickets?limit=201", {}, agent).status, 400);

        const Reply one
            = f.send("GET", QString("/api/v1/tickets/%1").arg(second.number), {}, agent);
        QCOMPARE(one.status, 200);
        const QJsonObject t = one.json.value("ticket").toObject();
        QCOMPARE(t.value("subject").toString(), QString("환불 문의"));
        const QJsonArray messages = t.value("messages").toArray();
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages[1].toObject().value("visibility").toString(), QString("internal"));
        QCOMPARE(messages[1].toObject().value("body").toString(), note.body);
        QCOMPARE(f.send("GET", "/api/v1/tickets/999", {}, agent).status, 404);
    }
};

QTEST_GUILESS_MAIN(TestServerApi)
#include "tst_server_api.moc"
