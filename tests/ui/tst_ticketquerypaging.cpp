// SPDX-License-Identifier: GPL-3.0-or-later
// TicketQuery's random access (pageAt, pageBefore, countAfter, rankOf, row, quickCount) and
// its ways of answering a text filter, each checked against plain SQL, directly and through
// the ticket list model.
#include "ticketlistdata.h"

#include "ui/ticketlistmodel.h"

#include <QAbstractItemModelTester>

using hd::SortColumn;
using hd::TicketFilter;
using hd::TicketQuery;
using hd::TicketSort;

Q_DECLARE_METATYPE(hd::TicketFilter)

class TestTicketQueryPaging : public QObject
{
    Q_OBJECT
    TicketListData m_data;

    QList<hd::RowId> ids(const QList<hd::TicketListRow> &rows)
    {
        QList<hd::RowId> out;
        for (const hd::TicketListRow &r : rows)
            out << r.id;
        return out;
    }

private Q_SLOTS:
    void initTestCase() { m_data.build(300); }
    void cleanup() { TicketQuery::setDriveFromHitsMax(0); }

    void matchesSql_data()
    {
        QTest::addColumn<TicketFilter>("filter");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QVariantList>("args");
        QTest::addColumn<qint64>("driveLimit"); // 0: default; small: the scanning paths
        const QString active = QStringLiteral("t.status IN ('new','open','assigned','pending')");
        struct Row
        {
            const char *name;
            TicketFilter filter;
            QString where;
            QVariantList args;
        };
        QList<Row> rows;
        rows << Row{"all", {}, {}, {}};
        rows << Row{"all open", TicketQuery::allOpen(), active, {}};
        rows << Row{"closed",
                    TicketQuery::withStatus(hd::TicketStatus::Closed),
                    QStringLiteral("t.status = 'closed' AND t.archived = 0"),
                    {}};
        TicketFilter f;
        f.assigneeId = m_data.agents[1];
        rows << Row{"assignee", f, QStringLiteral("t.assignee_id = ?"), {m_data.agents[1]}};
        rows << Row{"unassigned",
                    TicketQuery::unassigned(),
                    active + QStringLiteral(" AND t.assignee_id IS NULL"),
                    {}};
        f = {};
        f.channels = {hd::Channel::Email, hd::Channel::ChatKakao};
        f.priorities = {hd::Priority::Urgent, hd::Priority::High};
        rows << Row{"channels and priorities",
                    f,
                    QStringLiteral("t.channel IN ('email','chat_kakao') AND t.priority IN (0,1)"),
                    {}};
        f = {};
        f.direction = hd::Direction::Outbound;
        f.tags = {QStringLiteral("VIP")};
        rows << Row{"outbound vip",
                    f,
                    QStringLiteral("t.direction = 'outbound' AND EXISTS (SELECT 1 FROM "
                                   "ticket_tags g WHERE g.ticket_id = t.id AND g.tag = 'vip')"),
                    {}};
        f = {};
        f.categoryIds = {m_data.categories[2]};
        f.createdFrom = m_data.clock.now().addSecs(-6 * 3600);
        rows << Row{"category and created",
                    f,
                    QStringLiteral("t.category_id = ? AND t.created_at >= ?"),
                    {m_data.categories[2], f.createdFrom.toMSecsSinceEpoch()}};
        for (const char *text : {"환불", "refund", "환불 -배송", "re"}) {
            f = {};
            f.text = QString::fromUtf8(text);
            const QString t = QStringLiteral("text ") + f.text;
            rows << Row{qstrdup(qPrintable(t)),
                        f,
                        TicketListData::textWhere(),
                        {TicketListData::fts(f.text)}};
            f.statuses = {hd::TicketStatus::Open, hd::TicketStatus::Closed};
            rows << Row{qstrdup(qPrintable(t + QStringLiteral(" in open and closed"))),
                        f,
                        TicketListData::textWhere()
                            + QStringLiteral(" AND t.status IN ('open','closed')"),
                        {TicketListData::fts(f.text)}};
        }
        for (const Row &r : rows) {
            QTest::newRow(r.name) << r.filter << r.where << r.args << qint64(0);
            if (!r.filter.text.isEmpty())
                QTest::newRow(qPrintable(QString::fromUtf8(r.name) + QStringLiteral(", scanned")))
                    << r.filter << r.where << r.args << qint64(3);
        }
    }

    void matchesSql()
    {
        QFETCH(TicketFilter, filter);
        QFETCH(QString, where);
        QFETCH(QVariantList, args);
        QFETCH(qint64, driveLimit);
        TicketQuery::setDriveFromHitsMax(driveLimit);
        // A write makes the connection read the text's hits afresh (as after any change).
        QVERIFY(
            m_data.db->exec(QStringLiteral("INSERT INTO meta(key, value) VALUES ('paging-test', 1) "
                                           "ON CONFLICT(key) DO UPDATE SET value = value + 1")));
        TicketQuery q(*m_data.db);
        for (const TicketSort sort :
             {TicketSort{SortColumn::Updated, true}, TicketSort{SortColumn::Subject, false}}) {
            const QList<hd::RowId> want = m_data.expected(where, args, sort);
            QVERIFY(!want.isEmpty());
            const qint64 n = want.size();
            // Pages by keyset (the first one before the text's hits are read, if scanned).
            QList<hd::RowId> got;
            hd::Cursor after;
            for (;;) {
                auto p = q.page(filter, sort, after, 7);
                QVERIFY2(p.ok(), qPrintable(p.errorMessage()));
                got << ids(p->rows);
                if (p->atEnd)
                    break;
                after = p->rows.last().cursor;
            }
            QCOMPARE(got, want);
            // Reading the hits in small steps, then the same again.
            for (int steps = 0; !*q.preloadText(filter, 2); ++steps)
                QVERIFY(steps < 1000);
            QCOMPARE(*q.count(filter), n);
            const auto quick = q.quickCount(filter);
            QVERIFY(quick.ok());
            if (*quick)
                QCOMPARE(**quick, n);
            // Offsets from the start, from a row, and back from the end or a row.
            const qint64 mid = n / 2;
            QCOMPARE(ids(q.pageAt(filter, sort, {}, mid, 5)->rows), want.mid(mid, 5));
            const hd::Cursor third = q.row(filter, sort, want[n / 3])->value().cursor;
            QCOMPARE(ids(q.pageAt(filter, sort, third, 2, 4)->rows), want.mid(n / 3 + 3, 4));
            QCOMPARE(ids(q.pageBefore(filter, sort, {}, 0, 3)->rows), want.mid(n - 3));
            if (n / 3 >= 3)
                QCOMPARE(ids(q.pageBefore(filter, sort, third, 1, 2)->rows),
                         want.mid(n / 3 - 3, 2));
            QVERIFY(q.pageAt(filter, sort, {}, n, 5)->rows.isEmpty());
            QCOMPARE(**q.countAfter(filter, sort, third, n), n - n / 3 - 1);
            QVERIFY(!*q.countAfter(filter, sort, {}, n - 1)); // more than that
            QCOMPARE(**q.rankOf(filter, sort, third, n, n), n / 3);
            const qint64 late = n * 2 / 3;
            const hd::Cursor lateCursor = q.row(filter, sort, want[late])->value().cursor;
            // Too far from the start for n / 3 rows of counting: counted from the end.
            QCOMPARE(**q.rankOf(filter, sort, lateCursor, n, n - late), late);
            if (late > n - late)
                QVERIFY(!*q.rankOf(filter, sort, lateCursor, -1, n - late));

            // The model, with its tester, shows the same list.
            hd::TicketListModel model(*m_data.db, m_data.clock);
            QAbstractItemModelTester tester(&model,
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
            model.setQuery(filter, sort);
            QTRY_VERIFY(model.isCountExact() && !model.isWalking());
            QCOMPARE(model.rowCount(), n);
            QVERIFY(model.fetchRows(0, model.rowCount() - 1));
            QList<hd::RowId> shown;
            for (int row = 0; row < model.rowCount(); ++row)
                shown << model.idAt(row);
            QCOMPARE(shown, want);
        }
        // A ticket not in the list has no row.
        const QList<hd::RowId> in = m_data.expected(where, args, {});
        for (hd::RowId id : std::as_const(m_data.ids)) {
            if (!in.contains(id)) {
                QVERIFY(!q.row(filter, {}, id)->has_value());
                break;
            }
        }
    }

    void textHitsFollowChanges()
    {
        TicketQuery q(*m_data.db);
        TicketFilter f;
        f.text = QStringLiteral("환불");
        const qint64 before = *q.count(f);
        const hd::Ticket t = m_data.ticket(QStringLiteral("환불 해 주세요"));
        QCOMPARE(*q.count(f), before + 1);
        QCOMPARE(q.page(f, {SortColumn::Created, true}, {}, 1)->rows.value(0).id, t.id);
        TicketQuery::setDriveFromHitsMax(3);
        QCOMPARE(q.page(f, {SortColumn::Created, true}, {}, 1)->rows.value(0).id, t.id);
        QVERIFY(m_data.store->setSubject(t.id, QStringLiteral("no longer"), hd::Actor::system()));
        QCOMPARE(*q.count(f), before);
        QVERIFY(q.page(f, {SortColumn::Created, true}, {}, 1)->rows.value(0).id != t.id);
    }

    void emptyBranchesAndFiltersGiveEmptyPages()
    {
        TicketQuery q(*m_data.db);
        const TicketFilter archived = TicketQuery::archivedView(); // nothing archived here
        QCOMPARE(**q.quickCount(archived), 0);
        auto p = q.page(archived, {});
        QVERIFY(p->rows.isEmpty() && p->atEnd);
        QVERIFY(q.pageAt(archived, {}, {}, 10, 5)->rows.isEmpty());
        QCOMPARE(**q.countAfter(archived, {}, {}, 10), 0);
    }
};

QTEST_MAIN(TestTicketQueryPaging)
#include "tst_ticketquerypaging.moc"
