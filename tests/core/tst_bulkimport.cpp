// SPDX-License-Identifier: GPL-3.0-or-later
// The fast pieces of the chat import against the plain ones they replace: UUIDs without QUuid,
// search tokens written as UTF-8, and rows written through SQLite's C API or through Qt SQL.
#include "support/storefixture.h"

#include "core/channels/chatimport.h"
#include "core/storage/bulkwriter.h"
#include "core/storage/database.h"
#include "core/storage/schema.h"
#include "core/storage/searchtext.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QUuid>

using namespace hd;
using namespace hd::chat;

namespace {
const QDateTime kBase(QDate(2024, 9, 25), QTime(5, 0), QTimeZone::utc());

const QStringList kTexts = {
    "배송이 안 와요",
    "Login FAILED on v2.3 — e-mail",
    "ＬＯＧＩＮ ｶﾀｶﾅ 漢字かな",
    "café e\u0301 ㅋㅋ 😀 \U0001F468\u200D\U0001F469",
    QString(QChar(0xD800)) + "lone" + QChar(0xDC00), // unpaired surrogates
    "a\x1f"
    "b\tc\n둘째 줄",
    "",
    "   ",
};

ParsedChat chat()
{
    ParsedChat c;
    c.format = "test";
    c.roomTitle = "방";
    int minute = 0;
    const QStringList senders = {"김철수", "상담사 B", "회원님"};
    for (int i = 0; i < 40; ++i) {
        ChatRecord r;
        r.kind = i % 9 == 4 ? RecordKind::System : RecordKind::Message;
        minute += i % 7 == 6 ? 24 * 60 : 2;
        r.at = kBase.addSecs(qint64(minute) * 60);
        r.sender = r.kind == RecordKind::System && i % 2 ? QString() : senders[i % 3];
        r.text = kTexts[i % kTexts.size()] + QString::number(i % 5);
        r.firstLine = r.lastLine = i + 1;
        c.records << r;
        if (i % 10 == 3)
            c.records << r; // identical record: told apart by occurrence
    }
    c.totalLines = int(c.records.size());
    return c;
}

QStringList dump(Database &db)
{
    QStringList rows;
    QSqlQuery q(db.connection());
    for (const char *sql :
         {"SELECT * FROM tickets ORDER BY id", "SELECT * FROM messages ORDER BY id",
          "SELECT * FROM events ORDER BY id", "SELECT id, name FROM customers ORDER BY id",
          "SELECT id, name FROM agents ORDER BY id", "SELECT * FROM counters ORDER BY name",
          "SELECT * FROM ticket_counts ORDER BY status, assignee_id",
          // The schema too: indexes and triggers set aside for a load into an empty database
          // are back, as they were.
          "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"}) {
        if (!q.exec(QString::fromLatin1(sql)))
            qFatal("%s", qPrintable(q.lastError().text()));
        while (q.next()) {
            QStringList cells;
            for (int i = 0; i < q.record().count(); ++i)
                cells << (q.isNull(i)
                              ? QStringLiteral("NULL")
                              : q.value(i).typeName() + QLatin1Char(':') + q.value(i).toString());
            rows << cells.join(QLatin1Char('|'));
        }
    }
    // The search index, through the analysed tokens of every text that went in.
    for (const QString &t : kTexts)
        for (const QString &token : searchTokenList(t)) {
            QString phrase = token;
            phrase.replace('"', "\"\"");
            q.prepare("SELECT group_concat(rowid) FROM ticket_search WHERE ticket_search MATCH ?");
            q.addBindValue(QString('"' + phrase + '"'));
            if (!q.exec() || !q.next())
                qFatal("%s", qPrintable(q.lastError().text()));
            rows << token + QLatin1Char('=') + q.value(0).toString();
        }
    return rows;
}

enum class Path { Qt, Direct, DirectBesideAnotherConnection };

QStringList importWith(Path path)
{
    if (path == Path::Qt)
        qputenv("HELPDESK_SQLITE_QT", "1");
    else
        qunsetenv("HELPDESK_SQLITE_QT");
    StoreFixture f;
    // A second connection keeps the database in WAL mode: the import then commits as it goes.
    QSqlDatabase other = QSqlDatabase::addDatabase("QSQLITE", "other");
    other.setDatabaseName(f.db->path());
    if (path == Path::DirectBesideAnotherConnection) {
        QSqlQuery q(other);
        if (!other.open() || !q.exec("SELECT count(*) FROM tickets"))
            qFatal("second connection");
    }
    ChatImporter importer(*f.store, *f.directory);
    ChatImportOptions o;
    o.room = "방";
    o.agents = {"상담사 B"};
    o.savedAt = kBase.addSecs(3600);
    auto r = importer.import(chat(), o);
    qunsetenv("HELPDESK_SQLITE_QT");
    if (!r)
        qFatal("%s", qPrintable(r.errorMessage()));
    const QString mode = f.db->scalar("PRAGMA journal_mode")->toString();
    other.close();
    other = QSqlDatabase();
    QSqlDatabase::removeDatabase("other");
    return dump(*f.db) << mode;
}
} // namespace

class TestBulkImport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void messageUuidIsTimePrefixedV5()
    {
        const QUuid ns(QStringLiteral("{6f1c2a3e-8b7d-4c55-9a0e-3d2b1f6e4c71}"));
        for (const QString &sender : {QString(), QString("김철수"), QString("a\x1f")})
            for (const QString &text : kTexts)
                for (int occurrence : {0, 1, 12}) {
                    ChatRecord r;
                    r.at = kBase;
                    r.sender = sender;
                    r.text = text;
                    const QString key = "chat_kakao\x1f방\x1f"
                        + QString::number(kBase.toMSecsSinceEpoch()) + '\x1f' + sender + '\x1f'
                        + text + '\x1f' + QString::number(occurrence);
                    // Version 5 with the first 48 bits replaced by the time and version 8.
                    QString expected = QUuid::createUuidV5(ns, key).toString(QUuid::WithoutBraces);
                    const QString time
                        = QString::number(kBase.toMSecsSinceEpoch(), 16).rightJustified(12, '0');
                    expected.replace(0, 8, time.left(8));
                    expected.replace(9, 4, time.mid(8));
                    expected[14] = '8';
                    QCOMPARE(ChatImporter::messageUuid(Channel::ChatKakao, "방", r, occurrence),
                             expected);
                    QVERIFY(!QUuid::fromString(expected).isNull());
                    // Later messages sort after earlier ones, whatever their text.
                    ChatRecord later = r;
                    later.at = kBase.addMSecs(1);
                    later.text = "a";
                    QVERIFY(ChatImporter::messageUuid(Channel::ChatKakao, "방", r, occurrence)
                            < ChatImporter::messageUuid(Channel::ChatKakao, "방", later, 0));
                }
    }

    // A message imported by a version that made version 5 ids keeps its identity: schema 3
    // rewrites its id into the form ChatUuids makes now, so importing again adds nothing.
    void schema3RewritesEarlierChatMessageIds()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("v2.sqlite");
        ChatRecord r;
        r.at = kBase;
        r.sender = "김철수";
        r.text = "배송이 안 와요";
        const QString key = "chat_kakao\x1f방\x1f" + QString::number(kBase.toMSecsSinceEpoch())
            + "\x1f김철수\x1f배송이 안 와요\x1f" + "0";
        const QString old
            = QUuid::createUuidV5(QUuid(QStringLiteral("{6f1c2a3e-8b7d-4c55-9a0e-3d2b1f6e4c71}")),
                                  key)
                  .toString(QUuid::WithoutBraces);
        const QString other = QUuid::createUuid().toString(QUuid::WithoutBraces); // version 4
        {
            auto raw = QSqlDatabase::addDatabase("QSQLITE", "v2");
            raw.setDatabaseName(path);
            QVERIFY(raw.open());
            QSqlQuery q(raw);
            for (int v = 0; v < 2; ++v)
                for (const char *stmt : schema::migrations()[size_t(v)])
                    QVERIFY2(q.exec(QString::fromUtf8(stmt)), qPrintable(q.lastError().text()));
            QVERIFY(q.exec("PRAGMA user_version = 2"));
            QVERIFY(q.exec("INSERT INTO tickets(id, uuid, number, subject, channel, direction, "
                           "status, priority, created_at, updated_at) VALUES (1, 't', 1, 's', "
                           "'chat_kakao', 'inbound', 'open', 2, 0, 0)"));
            for (const QString &id : {old, other}) {
                q.prepare("INSERT INTO messages(uuid, ticket_id, author_kind, visibility, body, "
                          "created_at) VALUES (?, 1, 'customer', 'public', 'x', ?)");
                q.addBindValue(id);
                q.addBindValue(kBase.toMSecsSinceEpoch());
                QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
            }
            q.finish();
            raw.close();
        }
        QSqlDatabase::removeDatabase("v2");
        auto db = Database::open(path);
        QVERIFY2(bool(db), qPrintable(db.errorMessage()));
        QCOMPARE((*db)->schemaVersion(), Database::latestSchemaVersion());
        auto ids = (*db)->exec("SELECT uuid FROM messages ORDER BY id");
        QVERIFY(ids);
        QVERIFY(ids->next());
        QCOMPARE(ids->value(0).toString(),
                 ChatImporter::messageUuid(Channel::ChatKakao, "방", r, 0));
        QVERIFY(ids->next());
        QCOMPARE(ids->value(0).toString(), other);
    }

    void utf8TokensAreTheTokens()
    {
        QByteArray joined;
        QStringList parts;
        for (const QString &t : kTexts) {
            QByteArray one;
            appendSearchTokens(t, &one);
            QCOMPARE(QString::fromUtf8(one), searchTokens(t));
            appendSearchTokens(t, &joined);
            if (!searchTokens(t).isEmpty())
                parts << searchTokens(t);
        }
        QCOMPARE(QString::fromUtf8(joined), parts.join(' '));
        QCOMPARE(searchTokens(u"ABC가나다 x1"), QString("abc 가나 나다 다 x1"));
    }

    void rowBufferTextIsUtf8()
    {
        RowBuffer b(1);
        for (const QString &t : kTexts)
            b.text(t);
        for (int i = 0; i < kTexts.size(); ++i) {
            const RowBuffer::Cell &c = b.cell(i, 0);
            QCOMPARE(QByteArray(b.textData(c), c.length), kTexts[i].toUtf8());
        }
    }

    void directAndQtWritersAgree()
    {
        const QStringList qt = importWith(Path::Qt);
        const QStringList direct = importWith(Path::Direct);
        const QStringList wal = importWith(Path::DirectBesideAnotherConnection);
        QVERIFY(qt.size() > 100);
        QCOMPARE(direct, qt);
        QCOMPARE(wal, qt); // the same rows, and the database back in WAL mode either way
        QCOMPARE(qt.last(), QString("wal"));
    }
};

QTEST_GUILESS_MAIN(TestBulkImport)
#include "tst_bulkimport.moc"
