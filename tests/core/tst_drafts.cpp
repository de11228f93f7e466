// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/storefixture.h"

#include "core/storage/drafts.h"
#include "core/storage/macros.h"
#include "core/storage/schema.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

using namespace hd;

namespace {
AttachmentRef ref(char fill, const QString &name, const QString &type, qint64 size)
{
    return AttachmentRef{QString(64, QLatin1Char(fill)), name, type, size};
}
} // namespace

class TestDrafts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip()
    {
        StoreFixture f;
        const Agent park = f.agent("Park");
        const Agent lee = f.agent("Lee");
        const Ticket t = f.ticket("결제 오류", "카드 결제가 안 됩니다");
        Macros macros(*f.db, f.clock);
        Macro m;
        m.title = "Pending";
        m.body = "Waiting for you";
        m.actions.status = TicketStatus::Pending;
        const Macro macro = *macros.create(m);
        Drafts drafts(*f.db, f.clock);

        QVERIFY(drafts.load(t.id, park.id)->has_value() == false);
        Draft d;
        d.ticketId = t.id;
        d.agentId = park.id;
        d.visibility = Visibility::Internal;
        d.body = "고객이 두 번 결제했는지 확인 필요\n second line";
        d.attachments
            = {ref('b', "스크린샷.png", "image/png", 1234), ref('a', "log.txt", "text/plain", 99)};
        d.seenMessageId = 7;
        d.seenEventId = 11;
        d.macroId = macro.id;
        QVERIFY(drafts.save(d).ok());

        auto loaded = drafts.load(t.id, park.id);
        QVERIFY(loaded.ok());
        QVERIFY(loaded->has_value());
        const Draft &back = **loaded;
        QCOMPARE(back.visibility, Visibility::Internal);
        QCOMPARE(back.body, d.body);
        QCOMPARE(back.attachments.size(), 2);
        QCOMPARE(back.attachments[0].fileName, QString("스크린샷.png")); // order kept
        QCOMPARE(back.attachments[0].sha256, QString(64, 'b'));
        QCOMPARE(back.attachments[0].size, 1234);
        QCOMPARE(back.attachments[1].mediaType, QString("text/plain"));
        QCOMPARE(back.seenMessageId, 7);
        QCOMPARE(back.seenEventId, 11);
        QCOMPARE(back.macroId, macro.id);
        QCOMPARE(back.updatedAt, f.clock.now());
        QVERIFY(!drafts.load(t.id, lee.id)->has_value()); // per agent

        // Saving again replaces text, audience and attachments.
        f.clock.advanceSecs(5);
        d.visibility = Visibility::Public;
        d.body = "Thank you";
        d.attachments = {ref('c', "a.pdf", "application/pdf", 5)};
        d.macroId = 0;
        QVERIFY(drafts.save(d).ok());
        const Draft again = **drafts.load(t.id, park.id);
        QCOMPARE(again.visibility, Visibility::Public);
        QCOMPARE(again.body, QString("Thank you"));
        QCOMPARE(again.attachments.size(), 1);
        QCOMPARE(again.macroId, 0);
        QCOMPARE(again.updatedAt, f.clock.now());
        QCOMPARE(f.count("draft_attachments"), 1);

        // A deleted macro no longer runs with the draft.
        d.macroId = macro.id;
        QVERIFY(drafts.save(d).ok());
        QVERIFY(macros.remove(macro.id).ok());
        QCOMPARE((*drafts.load(t.id, park.id))->macroId, 0);

        QVERIFY(drafts.clear(t.id, park.id).ok());
        QVERIFY(!drafts.load(t.id, park.id)->has_value());
        QCOMPARE(f.count("draft_attachments"), 0);
    }

    void emptyDraftClears()
    {
        StoreFixture f;
        const Agent a = f.agent("Park");
        const Ticket t = f.ticket("Hello");
        Drafts drafts(*f.db, f.clock);
        Draft d{t.id, a.id, Visibility::Public, "text", {}, 0, 0, 0, {}};
        QVERIFY(drafts.save(d).ok());
        d.body = "  \n\t";
        QVERIFY(drafts.save(d).ok());
        QVERIFY(!drafts.load(t.id, a.id)->has_value());
        // An attachment alone is worth keeping.
        d.attachments = {ref('d', "photo.jpg", "image/jpeg", 10)};
        QVERIFY(drafts.save(d).ok());
        QVERIFY(drafts.load(t.id, a.id)->has_value());
    }

    void listsTicketsWithDraftsNewestFirst()
    {
        StoreFixture f;
        const Agent a = f.agent("Park");
        const Agent b = f.agent("Lee");
        const Ticket t1 = f.ticket("One");
        const Ticket t2 = f.ticket("Two");
        Drafts drafts(*f.db, f.clock);
        QVERIFY(drafts.save({t1.id, a.id, Visibility::Public, "x", {}, 0, 0, 0, {}}).ok());
        f.clock.advanceSecs(1);
        QVERIFY(drafts.save({t2.id, a.id, Visibility::Public, "y", {}, 0, 0, 0, {}}).ok());
        QVERIFY(drafts.save({t1.id, b.id, Visibility::Public, "z", {}, 0, 0, 0, {}}).ok());
        QCOMPARE(*drafts.ticketsWithDrafts(a.id), (QList<RowId>{t2.id, t1.id}));
        QCOMPARE(*drafts.ticketsWithDrafts(b.id), QList<RowId>{t1.id});
    }

    void rejectsBadDrafts()
    {
        StoreFixture f;
        const Agent a = f.agent("Park");
        const Ticket t = f.ticket("Hello");
        Drafts drafts(*f.db, f.clock);
        QCOMPARE(drafts.save({0, a.id, Visibility::Public, "x", {}, 0, 0, 0, {}}).errorCode(),
                 ErrorCode::InvalidArgument);
        QCOMPARE(drafts.save({t.id, 999, Visibility::Public, "x", {}, 0, 0, 0, {}}).errorCode(),
                 ErrorCode::NotFound);
        QCOMPARE(drafts.save({t.id, a.id, Visibility::Public, "x", {}, 0, 0, 555, {}}).errorCode(),
                 ErrorCode::NotFound);
        const QString huge(Drafts::kMaxBodyChars + 1, QLatin1Char('x'));
        QCOMPARE(drafts.save({t.id, a.id, Visibility::Public, huge, {}, 0, 0, 0, {}}).errorCode(),
                 ErrorCode::TooLarge);
        QCOMPARE(f.count("drafts"), 0);
        // A failing statement rolls the whole draft back: no half-written attachments.
        Draft d{t.id, a.id, Visibility::Public, "x", {ref('e', "e.txt", "text/plain", 1)}, 0, 0,
                0,    {}};
        f.db->failAfter(3);
        QVERIFY(!drafts.save(d).ok());
        f.db->failAfter(0);
        QCOMPARE(f.count("drafts"), 0);
        QCOMPARE(f.count("draft_attachments"), 0);
    }

    void migratesVersionOneDatabase()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("v1.sqlite");
        {
            // A database as version 1 of the program left it, with a ticket in it.
            QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "v1");
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            for (const char *stmt : schema::migrations().at(0))
                QVERIFY2(q.exec(QString::fromUtf8(stmt)), qPrintable(q.lastError().text()));
            QVERIFY(q.exec("INSERT INTO agents(id, uuid, name) VALUES (1, 'a1', 'Park')"));
            QVERIFY(q.exec("INSERT INTO tickets(id, uuid, number, subject, channel, direction, "
                           "status, priority, created_at, updated_at) VALUES (1, 't1', 1, "
                           "'옛 문의', 'email', 'inbound', 'open', 2, 0, 0)"));
            QVERIFY(q.exec("PRAGMA user_version = 1"));
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase("v1");

        auto opened = Database::open(path);
        QVERIFY2(opened.ok(), qPrintable(opened.errorMessage()));
        Database &db = **opened;
        QCOMPARE(db.schemaVersion(), Database::latestSchemaVersion());
        QVERIFY(db.schemaVersion() >= 2);
        QCOMPARE(db.scalar("SELECT subject FROM tickets WHERE id = 1")->toString(),
                 QString("옛 문의"));
        ManualClock clock;
        Drafts drafts(db, clock);
        QVERIFY(drafts.save({1, 1, Visibility::Internal, "메모", {}, 0, 0, 0, {}}).ok());
        QCOMPARE((*drafts.load(1, 1))->body, QString("메모"));
        Macros macros(db, clock);
        Macro m;
        m.title = "인사";
        m.body = "안녕하세요";
        QVERIFY(macros.create(m).ok());
        QCOMPARE(macros.list(1)->size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestDrafts)
#include "tst_drafts.moc"
