// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A few hundred varied tickets for the ticket list tests, and the expected lists in plain SQL.

#include "support/storefixture.h"

#include "core/storage/searchtext.h"
#include "core/storage/ticketquery.h"

#include <QSqlError>
#include <QSqlQuery>

struct TicketListData : StoreFixture
{
    QList<hd::RowId> agents, customers, categories, ids;

    /// n tickets over every status, priority, channel, direction, category, assignee and
    /// requester, with Korean and English subjects, one minute or so apart.
    void build(int n)
    {
        for (const char *name : {"Kim", "lee", "Park"})
            agents << agent(QString::fromLatin1(name)).id;
        for (const char *name : {"Yoon", "choi", "Han", "Baek", "Oh"})
            customers << customer(QString::fromLatin1(name)).id;
        for (const char *name : {"Billing", "delivery", "Account"})
            categories << directory->ensureCategory(QString::fromLatin1(name))->id;
        const QStringList subjects
            = {QStringLiteral("환불 요청"),      QStringLiteral("배송 문의"),
               QStringLiteral("Refund please"),  QStringLiteral("Login problem"),
               QStringLiteral("결제 오류"),      QStringLiteral("delivery late"),
               QStringLiteral("refunded twice"), QStringLiteral("환불 및 배송"),
               QStringLiteral("password reset"), QStringLiteral("Zebra order")};
        for (int i = 0; i < n; ++i) {
            clock.advanceSecs(60 + (i % 7) * 13);
            hd::NewTicket t;
            t.subject = subjects[i % subjects.size()] + QLatin1Char(' ') + QString::number(i % 37);
            t.channel = hd::kAllChannels[i % hd::kAllChannels.size()];
            t.direction = i % 5 == 0 ? hd::Direction::Outbound : hd::Direction::Inbound;
            t.priority = hd::kAllPriorities[(i * 7) % 4];
            t.categoryId = i % 4 == 3 ? 0 : categories[i % 3];
            t.requesterId = customers[i % customers.size()];
            t.assigneeId = i % 3 == 0 ? 0 : agents[i % agents.size()];
            if (i % 10 == 0)
                t.tags = {QStringLiteral("vip")};
            auto created = store->create(t);
            if (!created)
                qFatal("create: %s", qPrintable(created.errorMessage()));
            ids << created->id;
            switch (i % 6) {
            case 1:
                moveTo(created->id, {hd::TicketStatus::Open});
                break;
            case 2:
                moveTo(created->id, {hd::TicketStatus::Open, hd::TicketStatus::Pending});
                break;
            case 3:
                moveTo(created->id, {hd::TicketStatus::Solved});
                break;
            case 4:
                moveTo(created->id, {hd::TicketStatus::Solved, hd::TicketStatus::Closed});
                break;
            default:
                break;
            }
        }
    }

    void moveTo(hd::RowId id, const QList<hd::TicketStatus> &path)
    {
        for (hd::TicketStatus s : path) {
            if (store->ticket(id)->status == s)
                continue;
            if (auto r = store->transition(id, s, hd::Actor::system()); !r)
                qFatal("transition: %s", qPrintable(r.errorMessage()));
        }
    }

    /// The SQL a column sorts by, written here independently of TicketQuery.
    static QString orderExpr(hd::SortColumn c)
    {
        static const char *exprs[] = {
            "t.number",
            "lower(t.subject)",
            "t.requester_sort",
            "CASE t.status WHEN 'new' THEN 0 WHEN 'open' THEN 1 WHEN 'assigned' THEN 2 WHEN "
            "'pending' THEN 3 WHEN 'solved' THEN 4 ELSE 5 END",
            "t.priority",
            "coalesce(lower(c.name), '')",
            "t.assignee_sort",
            "t.channel",
            "t.direction",
            "t.created_at",
            "t.updated_at",
            "t.sla_due",
        };
        return QString::fromLatin1(exprs[int(c)]);
    }

    /// Ticket ids in list order, straight from SQL: `where` over tickets t (categories c).
    QList<hd::RowId> expected(const QString &where, const QVariantList &args,
                              const hd::TicketSort &sort)
    {
        const QString order = sort.descending ? QStringLiteral(" DESC") : QString();
        QSqlQuery q(db->connection());
        q.prepare(QStringLiteral("SELECT t.id FROM tickets t LEFT JOIN categories c ON c.id = "
                                 "t.category_id WHERE ")
                  + (where.isEmpty() ? QStringLiteral("1") : where) + QStringLiteral(" ORDER BY ")
                  + orderExpr(sort.column) + order + QStringLiteral(", t.id") + order);
        for (const QVariant &a : args)
            q.addBindValue(a);
        if (!q.exec())
            qFatal("expected: %s", qPrintable(q.lastError().text()));
        QList<hd::RowId> out;
        while (q.next())
            out << q.value(0).toLongLong();
        return out;
    }

    /// The condition of a text search, for expected().
    static QString textWhere()
    {
        return QStringLiteral("t.id IN (SELECT rowid FROM ticket_search "
                              "WHERE ticket_search MATCH ?)");
    }
    static QString fts(const QString &text) { return hd::buildSearchQuery(text).fts; }
};
