// SPDX-License-Identifier: GPL-3.0-or-later
// helpdesk-cli: transition, assign, note, reply, merge, split, archive.
#include "app/cli/commands.h"
#include "app/cli/session.h"
#include "core/domain/json.h"

#include <QJsonArray>

#include <functional>

namespace hd::cli {

namespace {
QCommandLineOption asOption()
{
    return QCommandLineOption(QStringLiteral("as"),
                              HelpdeskCli::tr("Acting agent (name, email or id)."),
                              QStringLiteral("AGENT"));
}

/// The opened database, the ticket named by the first argument, and the acting agent.
struct Target
{
    std::unique_ptr<Session> session;
    Ticket ticket;
    Agent actor;
};

/// `check` runs before the acting agent is resolved (which may create one on an empty
/// database), so that input it rejects writes nothing; it returns Ok to go on.
std::optional<Target> openTarget(Context &ctx, const QCommandLineParser &p, int *rc,
                                 const std::function<int(Session &)> &check = {})
{
    auto s = Session::open(p);
    if (!s) {
        *rc = failWith(ctx, s.error());
        return std::nullopt;
    }
    auto t = (*s)->ticket(p.positionalArguments().at(0));
    if (!t) {
        *rc = failWith(ctx, t.error());
        return std::nullopt;
    }
    if (check) {
        *rc = check(**s);
        if (*rc != Ok)
            return std::nullopt;
    }
    auto actor = (*s)->actingAgent(p);
    if (!actor) {
        *rc = failWith(ctx, actor.error());
        return std::nullopt;
    }
    return Target{std::move(s).value(), *t, *actor};
}

/// Prints the ticket after a change (JSON or one line) and returns Ok.
int done(Context &ctx, const QCommandLineParser &p, Session &s, RowId id, const QString &text)
{
    auto t = s.store->ticket(id);
    if (!t)
        return failWith(ctx, t.error());
    if (wantsJson(p))
        printJson(ctx, QJsonDocument(json::toJson(*t)));
    else
        ctx.out << text << '\n';
    return Ok;
}

int message(Context &ctx, Visibility visibility)
{
    QCommandLineParser p;
    int rc = Ok;
    if (!parse(ctx, p, {asOption()}, QStringLiteral("ID TEXT"), 2, -1, &rc))
        return rc;
    auto target = openTarget(ctx, p, &rc);
    if (!target)
        return rc;
    Session &session = *target->session;
    const Ticket *t = &target->ticket;
    const Agent *agent = &target->actor;
    NewMessage m;
    m.authorKind = AuthorKind::Agent;
    m.authorId = agent->id;
    m.visibility = visibility;
    m.body = p.positionalArguments().mid(1).join(QLatin1Char(' '));
    auto added = session.store->addMessage(t->id, m);
    if (!added)
        return failWith(ctx, added.error());
    if (wantsJson(p)) {
        printJson(ctx, QJsonDocument(json::toJson(*added)));
        return Ok;
    }
    ctx.out << (visibility == Visibility::Internal
                    ? HelpdeskCli::tr("Internal note %1 added to #%2.")
                    : HelpdeskCli::tr("Reply %1 sent on #%2."))
                   .arg(added->id)
                   .arg(t->number)
            << '\n';
    return Ok;
}
} // namespace

int runTransition(Context &ctx)
{
    QCommandLineParser p;
    int rc = Ok;
    if (!parse(ctx, p, {asOption()}, QStringLiteral("ID STATUS"), 2, 2, &rc))
        return rc;
    const QString statusName = p.positionalArguments().at(1);
    const auto to = parseStatus(statusName);
    if (!to)
        return fail(
            ctx,
            HelpdeskCli::tr("Unknown status '%1'; use one of: %2.").arg(statusName, statusNames()));
    auto target = openTarget(ctx, p, &rc);
    if (!target)
        return rc;
    Session &session = *target->session;
    const Ticket *t = &target->ticket;
    const Agent *agent = &target->actor;
    if (auto r = session.store->transition(t->id, *to, Actor::agent(agent->id)); !r)
        return failWith(ctx, r.error());
    return done(ctx, p, session, t->id,
                HelpdeskCli::tr("Ticket #%1: %2 → %3.")
                    .arg(t->number)
                    .arg(wireName(t->status), wireName(*to)));
}

int runAssign(Context &ctx)
{
    QCommandLineParser p;
    int rc = Ok;
    if (!parse(ctx, p, {asOption()}, QStringLiteral("ID AGENT"), 2, 2, &rc))
        return rc;
    const QString who = p.positionalArguments().at(1);
    RowId agentId = 0;
    auto target = openTarget(ctx, p, &rc, [&](Session &session) {
        if (who == QLatin1String("none"))
            return int(Ok);
        auto a = session.directory->findAgent(who);
        if (!a)
            return failWith(ctx, a.error());
        agentId = a->id;
        return int(Ok);
    });
    if (!target)
        return rc;
    Session &session = *target->session;
    const Ticket *t = &target->ticket;
    const Agent *actor = &target->actor;
    if (auto r = session.store->assign(t->id, agentId, Actor::agent(actor->id)); !r)
        return failWith(ctx, r.error());
    return done(ctx, p, session, t->id,
                HelpdeskCli::tr("Ticket #%1 assigned to %2.").arg(t->number).arg(who));
}

int runNote(Context &ctx)
{
    return message(ctx, Visibility::Internal);
}

int runReply(Context &ctx)
{
    return message(ctx, Visibility::Public);
}

int runMerge(Context &ctx)
{
    QCommandLineParser p;
    int rc = Ok;
    if (!parse(ctx, p, {asOption()}, QStringLiteral("ID INTO_ID"), 2, 2, &rc))
        return rc;
    auto opened = openTarget(ctx, p, &rc);
    if (!opened)
        return rc;
    Session &session = *opened->session;
    const Ticket *source = &opened->ticket;
    const Agent *actor = &opened->actor;
    auto target = session.ticket(p.positionalArguments().at(1));
    if (!target)
        return failWith(ctx, target.error());
    if (auto r = session.store->merge(source->id, target->id, Actor::agent(actor->id)); !r)
        return failWith(ctx, r.error());
    return done(
        ctx, p, session, target->id,
        HelpdeskCli::tr("Ticket #%1 merged into #%2.").arg(source->number).arg(target->number));
}

int runSplit(Context &ctx)
{
    QCommandLineParser p;
    int rc = Ok;
    if (!parse(ctx, p, {asOption()}, QStringLiteral("ID MESSAGE_ID..."), 2, -1, &rc))
        return rc;
    QList<RowId> ids;
    for (const QString &a : p.positionalArguments().mid(1)) {
        bool ok = false;
        const RowId id = a.toLongLong(&ok);
        if (!ok || id <= 0)
            return fail(ctx, HelpdeskCli::tr("'%1' is not a message id.").arg(a));
        ids << id;
    }
    auto target = openTarget(ctx, p, &rc);
    if (!target)
        return rc;
    Session &session = *target->session;
    const Ticket *t = &target->ticket;
    const Agent *actor = &target->actor;
    auto made = session.store->split(t->id, ids, Actor::agent(actor->id));
    if (!made)
        return failWith(ctx, made.error());
    return done(ctx, p, session, made->id,
                HelpdeskCli::tr("Ticket #%1 split from #%2.").arg(made->number).arg(t->number));
}

int runArchive(Context &ctx)
{
    QCommandLineParser p;
    int rc = Ok;
    const QCommandLineOption days(
        QStringLiteral("older-than"),
        HelpdeskCli::tr("Archive tickets closed more than DAYS ago (default 90)."),
        QStringLiteral("DAYS"));
    if (!parse(ctx, p, {days, asOption()}, QString(), 0, 0, &rc))
        return rc;
    bool ok = true;
    const int d = p.isSet(days) ? p.value(days).toInt(&ok) : 90;
    if (!ok || d < 0)
        return fail(
            ctx,
            HelpdeskCli::tr("--older-than needs a number of days, not '%1'.").arg(p.value(days)));
    auto s = Session::open(p);
    if (!s)
        return failWith(ctx, s.error());
    auto actor = (*s)->actingAgent(p);
    if (!actor)
        return failWith(ctx, actor.error());
    auto n
        = (*s)->store->archiveClosedBefore((*s)->clock.now().addDays(-d), Actor::agent(actor->id));
    if (!n)
        return failWith(ctx, n.error());
    if (wantsJson(p))
        printJson(ctx, QJsonDocument(QJsonObject{{QStringLiteral("archived"), *n}}));
    else
        ctx.out << HelpdeskCli::tr("Archived %n ticket(s).", nullptr, *n) << '\n';
    return Ok;
}

} // namespace hd::cli
