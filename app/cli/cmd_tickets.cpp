// SPDX-License-Identifier: GPL-3.0-or-later
// helpdesk-cli: init, seed, create, list, show, search, counts.
#include "app/cli/commands.h"
#include "app/cli/session.h"
#include "core/demo/seeder.h"
#include "core/domain/json.h"
#include "core/storage/ticketquery.h"
#include "core/storage/ticketsearch.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QLocale>
#include <QTimeZone>

namespace hd::cli {

namespace {
QCommandLineOption opt(const char *name, const char *help, const char *value = nullptr)
{
    return value ? QCommandLineOption(QString::fromLatin1(name), HelpdeskCli::tr(help),
                                      HelpdeskCli::tr(value))
                 : QCommandLineOption(QString::fromLatin1(name), HelpdeskCli::tr(help));
}

QString line(const TicketListRow &r)
{
    return QStringLiteral("#%1  %2  %3  %4  %5")
        .arg(r.number)
        .arg(wireName(r.status), -8)
        .arg(wireName(r.priority), -6)
        .arg(r.updatedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")), r.subject);
}

QJsonObject rowJson(const TicketListRow &r)
{
    QJsonObject o = toJson(r);
    o.insert(QStringLiteral("id"), r.id);
    return o;
}
} // namespace

int runInit(Context &ctx)
{
    QCommandLineParser p;
    int rc = Ok;
    if (!parse(ctx, p, {}, QString(), 0, 0, &rc))
        return rc;
    auto s = Session::open(p);
    if (!s)
        return failWith(ctx, s.error());
    const int version = (*s)->db->schemaVersion();
    if (wantsJson(p))
        printJson(ctx,
                  QJsonDocument(QJsonObject{{QStringLiteral("database"), (*s)->db->path()},
                                            {QStringLiteral("schema_version"), version}}));
    else
        ctx.out << HelpdeskCli::tr("Database %1 is ready (schema version %2).")
                       .arg((*s)->db->path())
                       .arg(version)
                << '\n';
    return Ok;
}

int runSeed(Context &ctx)
{
    QCommandLineParser p;
    int rc = Ok;
    const auto tickets
        = opt("tickets", QT_TRANSLATE_NOOP("HelpdeskCli", "How many tickets to make."), "N");
    const auto seed
        = opt("seed", QT_TRANSLATE_NOOP("HelpdeskCli", "Random seed (same seed, same data)."), "S");
    const auto years
        = opt("years", QT_TRANSLATE_NOOP("HelpdeskCli", "Years of history (default 3)."), "Y");
    if (!parse(ctx, p, {tickets, seed, years}, QString(), 0, 0, &rc))
        return rc;
    bool ok = true;
    SeedOptions o;
    o.tickets = p.isSet(tickets) ? p.value(tickets).toLongLong(&ok) : 1000;
    if (!ok || o.tickets < 0)
        return fail(
            ctx,
            HelpdeskCli::tr("--tickets needs a whole number, not '%1'.").arg(p.value(tickets)));
    if (p.isSet(seed)) {
        o.seed = p.value(seed).toUInt(&ok);
        if (!ok)
            return fail(
                ctx, HelpdeskCli::tr("--seed needs a whole number, not '%1'.").arg(p.value(seed)));
    }
    if (p.isSet(years)) {
        o.years = p.value(years).toInt(&ok);
        if (!ok)
            return fail(
                ctx,
                HelpdeskCli::tr("--years needs a whole number, not '%1'.").arg(p.value(years)));
    }
    const bool json = wantsJson(p);
    o.progress = [&](qint64 done, qint64 total) {
        if (!json)
            ctx.err << '\r' << HelpdeskCli::tr("seeding: %1 / %2 tickets").arg(done).arg(total)
                    << Qt::flush;
        return true;
    };
    auto s = Session::open(p);
    if (!s)
        return failWith(ctx, s.error());
    if ((*s)->store->journal())
        return fail(ctx,
                    HelpdeskCli::tr("This database is a replica of a team server; demo data "
                                    "would never reach the server. Seed a standalone "
                                    "database instead."));
    Seeder seeder(*(*s)->db, (*s)->clock.now());
    auto r = seeder.run(o);
    if (!json)
        ctx.err << '\n';
    if (!r)
        return failWith(ctx, r.error());
    if (json)
        printJson(ctx,
                  QJsonDocument(QJsonObject{{QStringLiteral("tickets"), r->tickets},
                                            {QStringLiteral("messages"), r->messages},
                                            {QStringLiteral("events"), r->events},
                                            {QStringLiteral("customers"), r->customers},
                                            {QStringLiteral("agents"), r->agents},
                                            {QStringLiteral("milliseconds"), r->milliseconds}}));
    else
        ctx.out << HelpdeskCli::tr(
                       "Made %1 tickets, %2 messages, %3 events, %4 customers, %5 agents in %6 s.")
                       .arg(r->tickets)
                       .arg(r->messages)
                       .arg(r->events)
                       .arg(r->customers)
                       .arg(r->agents)
                       .arg(double(r->milliseconds) / 1000.0, 0, 'f', 1)
                << '\n';
    return Ok;
}

int runCreate(Context &ctx)
{
    QCommandLineParser p;
    int rc = Ok;
    const auto subject
        = opt("subject", QT_TRANSLATE_NOOP("HelpdeskCli", "Subject of the ticket."), "S");
    const auto body = opt("body", QT_TRANSLATE_NOOP("HelpdeskCli", "First message."), "B");
    const auto channel = opt(
        "channel",
        QT_TRANSLATE_NOOP(
            "HelpdeskCli",
            "Channel: email, web, in_app, chat_kakao, chat_channeltalk, phone, chatbot, api."),
        "C");
    const auto priority = opt(
        "priority", QT_TRANSLATE_NOOP("HelpdeskCli", "Priority: urgent, high, normal, low."), "P");
    const auto requester
        = opt("requester", QT_TRANSLATE_NOOP("HelpdeskCli", "Requester's email address."), "EMAIL");
    const auto direction = opt(
        "direction",
        QT_TRANSLATE_NOOP("HelpdeskCli", "inbound (the customer wrote first) or outbound."), "D");
    const auto tag = opt("tag", QT_TRANSLATE_NOOP("HelpdeskCli", "A tag (repeatable)."), "T");
    if (!parse(ctx, p, {subject, body, channel, priority, requester, direction, tag}, QString(), 0,
               0, &rc))
        return rc;
    if (!p.isSet(subject))
        return fail(ctx, HelpdeskCli::tr("--subject is required."));
    NewTicket t;
    t.subject = p.value(subject);
    t.body = p.value(body);
    if (p.isSet(channel)) {
        const auto c = parseChannel(p.value(channel));
        if (!c)
            return fail(ctx,
                        HelpdeskCli::tr("Unknown channel '%1'; use one of: %2.")
                            .arg(p.value(channel), channelNames()));
        t.channel = *c;
    }
    if (p.isSet(priority)) {
        const auto pr = parsePriority(p.value(priority));
        if (!pr)
            return fail(ctx,
                        HelpdeskCli::tr("Unknown priority '%1'; use one of: %2.")
                            .arg(p.value(priority), priorityNames()));
        t.priority = *pr;
    }
    if (p.isSet(direction)) {
        const auto d = parseDirection(p.value(direction));
        if (!d)
            return fail(ctx,
                        HelpdeskCli::tr("Direction must be inbound or outbound, not '%1'.")
                            .arg(p.value(direction)));
        t.direction = *d;
    }
    t.tags = p.values(tag);
    auto s = Session::open(p);
    if (!s)
        return failWith(ctx, s.error());
    if (p.isSet(requester)) {
        const QString email = p.value(requester).trimmed();
        if (!email.contains(QLatin1Char('@')))
            return fail(ctx, HelpdeskCli::tr("'%1' is not an email address.").arg(email));
        auto c = (*s)->directory->ensureCustomer(Channel::Email, email, QString());
        if (!c)
            return failWith(ctx, c.error());
        t.requesterId = c->id;
    }
    if (t.direction == Direction::Outbound) {
        auto a = (*s)->actingAgent(p);
        if (!a)
            return failWith(ctx, a.error());
        t.actor = Actor::agent(a->id);
    }
    auto made = (*s)->store->create(t);
    if (!made)
        return failWith(ctx, made.error());
    if (wantsJson(p))
        printJson(ctx, QJsonDocument(json::toJson(*made)));
    else
        ctx.out << HelpdeskCli::tr("Created ticket #%1 (%2).").arg(made->number).arg(made->uuid)
                << '\n';
    return Ok;
}

int runList(Context &ctx)
{
    QCommandLineParser p;
    int rc = Ok;
    TicketFilter f;
    const auto status
        = opt("status", QT_TRANSLATE_NOOP("HelpdeskCli", "Only this status (repeatable)."), "S");
    const auto query = opt("query", QT_TRANSLATE_NOOP("HelpdeskCli", "Full-text filter."), "TEXT");
    const auto limit
        = opt("limit", QT_TRANSLATE_NOOP("HelpdeskCli", "At most N rows (default 50)."), "N");
    const auto sort
        = opt("sort",
              QT_TRANSLATE_NOOP("HelpdeskCli",
                                "Sort column: number, subject, requester, status, priority, "
                                "category, assignee, channel, direction, created, updated, "
                                "sla_due."),
              "COL");
    const auto asc
        = opt("asc", QT_TRANSLATE_NOOP("HelpdeskCli", "Ascending order (default descending)."));
    const auto archived
        = opt("archived", QT_TRANSLATE_NOOP("HelpdeskCli", "Archived tickets only."));
    const auto assignee = opt(
        "assignee",
        QT_TRANSLATE_NOOP("HelpdeskCli",
                          "Only this agent's tickets (name, email or id; 'none' for unassigned)."),
        "A");
    const auto from = opt(
        "created-from",
        QT_TRANSLATE_NOOP("HelpdeskCli", "Created on or after this date (YYYY-MM-DD or ISO 8601)."),
        "D");
    const auto to = opt(
        "created-to",
        QT_TRANSLATE_NOOP("HelpdeskCli", "Created before this date (YYYY-MM-DD or ISO 8601)."),
        "D");
    if (!parse(ctx, p, {status, query, limit, sort, asc, archived, assignee, from, to}, QString(),
               0, 0, &rc))
        return rc;
    for (const auto &[option, target] :
         {std::pair{&from, &f.createdFrom}, std::pair{&to, &f.createdTo}}) {
        if (!p.isSet(*option))
            continue;
        const QString text = p.value(*option);
        QDateTime t = QDateTime::fromString(text, Qt::ISODate);
        if (!t.isValid()) {
            const QDate d = QDate::fromString(text, Qt::ISODate);
            if (d.isValid())
                t = d.startOfDay(QTimeZone::systemTimeZone());
        }
        if (!t.isValid())
            return fail(ctx,
                        HelpdeskCli::tr("'%1' is not a date; use YYYY-MM-DD or an ISO 8601 time.")
                            .arg(text));
        *target = t.toUTC();
    }
    for (const QString &v : p.values(status)) {
        const auto st = parseStatus(v);
        if (!st)
            return fail(
                ctx, HelpdeskCli::tr("Unknown status '%1'; use one of: %2.").arg(v, statusNames()));
        f.statuses << *st;
    }
    if (p.isSet(archived))
        f.archived = true;
    f.text = p.value(query);
    TicketSort order;
    if (p.isSet(sort)) {
        const auto c = TicketSort::parseColumn(p.value(sort));
        if (!c)
            return fail(ctx, HelpdeskCli::tr("Unknown sort column '%1'.").arg(p.value(sort)));
        order.column = *c;
    }
    order.descending = !p.isSet(asc);
    bool ok = true;
    const int n = p.isSet(limit) ? p.value(limit).toInt(&ok) : 50;
    if (!ok || n < 1 || n > 1000)
        return fail(ctx, HelpdeskCli::tr("--limit must be between 1 and 1000."));
    auto s = Session::open(p);
    if (!s)
        return failWith(ctx, s.error());
    if (p.isSet(assignee)) {
        if (p.value(assignee) == QLatin1String("none")) {
            f.assigneeId = 0;
        } else {
            auto a = (*s)->directory->findAgent(p.value(assignee));
            if (!a)
                return failWith(ctx, a.error());
            f.assigneeId = a->id;
        }
    }
    TicketQuery q(*(*s)->db);
    auto page = q.page(f, order, {}, n);
    if (!page)
        return failWith(ctx, page.error());
    if (wantsJson(p)) {
        QJsonArray rows;
        for (const TicketListRow &r : page->rows)
            rows.append(rowJson(r));
        printJson(ctx, QJsonDocument(rows));
    } else {
        for (const TicketListRow &r : page->rows)
            ctx.out << line(r) << '\n';
    }
    return Ok;
}

int runShow(Context &ctx)
{
    QCommandLineParser p;
    int rc = Ok;
    if (!parse(ctx, p, {}, QStringLiteral("ID"), 1, 1, &rc))
        return rc;
    auto s = Session::open(p);
    if (!s)
        return failWith(ctx, s.error());
    auto t = (*s)->ticket(p.positionalArguments().at(0));
    if (!t)
        return failWith(ctx, t.error());
    auto messages = (*s)->store->messages(t->id);
    auto events = (*s)->store->events(t->id);
    if (!messages || !events)
        return failWith(ctx, !messages ? messages.error() : events.error());
    if (wantsJson(p)) {
        QJsonObject o = json::toJson(*t);
        QJsonArray ms, es;
        for (const Message &m : *messages)
            ms.append(json::toJson(m));
        for (const Event &e : *events)
            es.append(json::toJson(e));
        o[QStringLiteral("messages")] = ms;
        o[QStringLiteral("events")] = es;
        printJson(ctx, QJsonDocument(o));
        return Ok;
    }
    ctx.out << '#' << t->number << "  " << t->subject << '\n'
            << HelpdeskCli::tr("status %1, priority %2, channel %3, %4")
                   .arg(wireName(t->status), wireName(t->priority), wireName(t->channel),
                        wireName(t->direction))
            << '\n';
    for (const Message &m : *messages) {
        const QString who = m.authorKind == AuthorKind::System ? HelpdeskCli::tr("system")
            : m.visibility == Visibility::Internal
            ? HelpdeskCli::tr("internal note by %1").arg(m.authorName)
            : m.authorName;
        ctx.out << "\n[" << m.id << "] "
                << m.createdAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")) << "  "
                << who << '\n'
                << m.body << '\n';
    }
    return Ok;
}

int runSearch(Context &ctx)
{
    QCommandLineParser p;
    int rc = Ok;
    const auto limit
        = opt("limit", QT_TRANSLATE_NOOP("HelpdeskCli", "At most N results (default 20)."), "N");
    const auto newest = opt(
        "newest", QT_TRANSLATE_NOOP("HelpdeskCli", "Newest first instead of best match first."));
    const auto publicOnly = opt(
        "public-only",
        QT_TRANSLATE_NOOP("HelpdeskCli", "Search what customers can see (no internal notes)."));
    if (!parse(ctx, p, {limit, newest, publicOnly}, QStringLiteral("TEXT"), 1, -1, &rc))
        return rc;
    const QString text = p.positionalArguments().mid(0).join(QLatin1Char(' '));
    SearchOptions o;
    bool ok = true;
    o.limit = p.isSet(limit) ? p.value(limit).toInt(&ok) : 20;
    if (!ok || o.limit < 1 || o.limit > 500)
        return fail(ctx, HelpdeskCli::tr("--limit must be between 1 and 500."));
    o.order = p.isSet(newest) ? SearchOptions::Order::Newest : SearchOptions::Order::Relevance;
    o.includeInternal = !p.isSet(publicOnly);
    auto s = Session::open(p);
    if (!s)
        return failWith(ctx, s.error());
    TicketSearch search(*(*s)->db);
    QElapsedTimer timer;
    timer.start();
    auto hits = search.search(text, o);
    if (!hits)
        return failWith(ctx, hits.error());
    const qint64 ms = timer.elapsed();
    if (wantsJson(p)) {
        QJsonArray a;
        for (const SearchHit &h : *hits)
            a.append(QJsonObject{{QStringLiteral("id"), h.ticketId},
                                 {QStringLiteral("number"), h.number},
                                 {QStringLiteral("subject"), h.subject},
                                 {QStringLiteral("status"), wireName(h.status)},
                                 {QStringLiteral("updated_at"), json::time(h.updatedAt)},
                                 {QStringLiteral("snippet"), h.snippet},
                                 {QStringLiteral("score"), h.score}});
        printJson(ctx, QJsonDocument(a));
        return Ok;
    }
    for (const SearchHit &h : *hits)
        ctx.out << '#' << h.number << "  " << h.subject << "\n    " << h.snippet << '\n';
    ctx.err << HelpdeskCli::tr("%n result(s) in %1 ms", nullptr, int(hits->size())).arg(ms) << '\n';
    return Ok;
}

int runCounts(Context &ctx)
{
    QCommandLineParser p;
    int rc = Ok;
    if (!parse(ctx, p,
               {opt("as", QT_TRANSLATE_NOOP("HelpdeskCli", "Acting agent (name, email or id)."),
                    "AGENT")},
               QString(), 0, 0, &rc))
        return rc;
    auto s = Session::open(p);
    if (!s)
        return failWith(ctx, s.error());
    RowId me = 0;
    if (p.isSet(QStringLiteral("as"))) {
        auto a = (*s)->actingAgent(p);
        if (!a)
            return failWith(ctx, a.error());
        me = a->id;
    }
    auto c = TicketQuery(*(*s)->db).viewCounts(me);
    if (!c)
        return failWith(ctx, c.error());
    const QJsonObject o{
        {QStringLiteral("mine"), c->mine},        {QStringLiteral("unassigned"), c->unassigned},
        {QStringLiteral("all_open"), c->allOpen}, {QStringLiteral("pending"), c->pending},
        {QStringLiteral("solved"), c->solved},    {QStringLiteral("closed"), c->closed},
        {QStringLiteral("archived"), c->archived}};
    if (wantsJson(p)) {
        printJson(ctx, QJsonDocument(o));
    } else {
        for (auto it = o.begin(); it != o.end(); ++it)
            ctx.out << it.key() << ": " << it.value().toInteger() << '\n';
    }
    return Ok;
}

} // namespace hd::cli
