// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/pushops.h"

#include "core/storage/database.h"
#include "core/storage/directory.h"
#include "core/storage/ticketstore.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace hd::server {

namespace {

const char *const kContext = "hd::server::PushOps";

Rejection invalid(const QString &message)
{
    return Rejection{QStringLiteral("invalid"), message};
}

/// A refused core call as a rejection (Conflict becomes conflictCode); database failures stay
/// errors.
Result<Rejection> fromCore(const Error &e, const QString &conflictCode)
{
    switch (e.code) {
    case ErrorCode::InvalidArgument:
        return invalid(e.message);
    case ErrorCode::NotFound:
        return Rejection{QStringLiteral("not_found"), e.message};
    case ErrorCode::Conflict:
        return Rejection{conflictCode, e.message};
    case ErrorCode::TooLarge:
        return Rejection{QStringLiteral("too_large"), e.message};
    default:
        return e;
    }
}

Result<Rejection> outcome(const Result<void> &r,
                          const QString &conflictCode = QStringLiteral("transition_not_allowed"))
{
    return r ? Result<Rejection>(Rejection{}) : fromCore(r.error(), conflictCode);
}

/// payload.name: nullopt when absent or null; a rejection in `bad` when of another type or longer
/// than maxChars.
std::optional<QString> text(const QJsonObject &p, const QString &name, qsizetype maxChars,
                            std::optional<Rejection> &bad)
{
    const QJsonValue v = p.value(name);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    if (!v.isString()) {
        bad = invalid(
            QCoreApplication::translate(kContext, "payload.%1 must be a string.").arg(name));
        return std::nullopt;
    }
    if (v.toString().size() > maxChars) {
        bad = invalid(
            QCoreApplication::translate(kContext, "payload.%1 is longer than %2 characters.")
                .arg(name)
                .arg(maxChars));
        return std::nullopt;
    }
    return v.toString();
}

Rejection missing(const QString &name)
{
    return invalid(QCoreApplication::translate(kContext, "payload.%1 is required.").arg(name));
}

Rejection badValue(const QString &name, const QString &value, const QString &allowed)
{
    return invalid(QCoreApplication::translate(kContext, "payload.%1 '%2' is not one of: %3.")
                       .arg(name, value.left(40), allowed));
}

QString normalizedTag(const QString &t)
{
    // The rule TicketStore applies to stored tags.
    return t.trimmed().toLower().replace(QLatin1Char(' '), QLatin1Char('_'));
}

} // namespace

PushOps::PushOps(Database &db, TicketStore &store, Directory &directory)
    : m_db(db)
    , m_store(store)
    , m_directory(directory)
{ }

bool PushOps::isUuid(const QString &s)
{
    static const QRegularExpression re(QStringLiteral(
        "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"));
    return re.match(s).hasMatch();
}

Result<Rejection> PushOps::apply(const Agent &agent, const QString &ticketUuid, const QString &kind,
                                 const QJsonObject &payload, QString *effectUuid)
{
    static const QStringList kinds{
        QStringLiteral("create_ticket"), QStringLiteral("add_message"),
        QStringLiteral("set_status"),    QStringLiteral("assign"),
        QStringLiteral("set_priority"),  QStringLiteral("add_tags"),
        QStringLiteral("remove_tags"),
    };
    if (!kinds.contains(kind))
        return Rejection{QStringLiteral("unsupported"),
                         tr("The server does not take '%1' operations yet.").arg(kind.left(40))};
    if (kind == QLatin1String("create_ticket"))
        return createTicket(agent, ticketUuid, payload);
    auto t = m_store.find(ticketUuid);
    if (!t) {
        if (t.errorCode() == ErrorCode::NotFound)
            return Rejection{QStringLiteral("not_found"),
                             tr("No ticket with UUID %1.").arg(ticketUuid)};
        return t.error();
    }
    if (kind == QLatin1String("add_message"))
        return addMessage(agent, *t, payload, effectUuid);
    if (kind == QLatin1String("set_status"))
        return setStatus(agent, *t, payload);
    if (kind == QLatin1String("assign"))
        return assign(agent, *t, payload);
    if (kind == QLatin1String("set_priority"))
        return setPriority(agent, *t, payload);
    return changeTags(agent, *t, payload, kind == QLatin1String("add_tags"));
}

Result<Rejection> PushOps::createTicket(const Agent &agent, const QString &uuid,
                                        const QJsonObject &p)
{
    std::optional<Rejection> bad;
    NewTicket in;
    in.uuid = uuid;
    in.actor = Actor::agent(agent.id);
    const auto subject = text(p, QStringLiteral("subject"), kMaxSubjectChars, bad);
    const auto body = text(p, QStringLiteral("body"), 1'000'000, bad);
    const auto channel = text(p, QStringLiteral("channel"), 40, bad);
    const auto direction = text(p, QStringLiteral("direction"), 40, bad);
    const auto priority = text(p, QStringLiteral("priority"), 40, bad);
    if (bad)
        return *bad;
    if (!subject || subject->simplified().isEmpty())
        return missing(QStringLiteral("subject"));
    in.subject = *subject;
    in.body = body.value_or(QString());
    if (channel) {
        const auto c = parseChannel(*channel);
        if (!c)
            return badValue(
                QStringLiteral("channel"), *channel,
                QStringLiteral(
                    "email, web, in_app, chat_kakao, chat_channeltalk, phone, chatbot, api"));
        in.channel = *c;
    }
    if (direction) {
        const auto d = parseDirection(*direction);
        if (!d)
            return badValue(QStringLiteral("direction"), *direction,
                            QStringLiteral("inbound, outbound"));
        in.direction = *d;
    }
    if (priority) {
        const auto pr = parsePriority(*priority);
        if (!pr)
            return badValue(QStringLiteral("priority"), *priority,
                            QStringLiteral("low, normal, high, urgent"));
        in.priority = *pr;
    }
    const QJsonValue requester = p.value(QStringLiteral("requester"));
    if (!requester.isUndefined() && !requester.isNull()) {
        if (!requester.isObject())
            return invalid(tr("payload.requester must be an object {email, name}."));
        const QJsonObject r = requester.toObject();
        const auto email = text(r, QStringLiteral("email"), kMaxEmailChars, bad);
        const auto name = text(r, QStringLiteral("name"), kMaxNameChars, bad);
        if (bad)
            return invalid(tr("payload.requester: %1").arg(bad->message));
        if (!email || !email->contains(QLatin1Char('@')))
            return invalid(tr("payload.requester.email must be an email address."));
        auto customer = m_directory.ensureCustomer(Channel::Email, email->trimmed(),
                                                   name.value_or(QString()).trimmed());
        if (!customer)
            return fromCore(customer.error(), QStringLiteral("invalid"));
        in.requesterId = customer->id;
    }
    auto made = m_store.create(in);
    return made ? Result<Rejection>(Rejection{})
                : fromCore(made.error(), QStringLiteral("invalid"));
}

Result<Rejection> PushOps::addMessage(const Agent &agent, const Ticket &t, const QJsonObject &p,
                                      QString *effectUuid)
{
    std::optional<Rejection> bad;
    const auto uuid = text(p, QStringLiteral("uuid"), 36, bad);
    const auto body = text(p, QStringLiteral("body"), 1'000'000, bad);
    const auto visibility = text(p, QStringLiteral("visibility"), 40, bad);
    if (bad)
        return *bad;
    if (!uuid || !isUuid(*uuid))
        return invalid(tr("payload.uuid must be the message's UUID."));
    if (!body)
        return missing(QStringLiteral("body"));
    const QJsonValue files = p.value(QStringLiteral("attachments"));
    if (!files.isUndefined() && !files.isNull() && !(files.isArray() && files.toArray().isEmpty()))
        return Rejection{QStringLiteral("unsupported"),
                         tr("The server does not take attachments in pushed messages yet.")};
    NewMessage m;
    m.uuid = uuid->toLower();
    m.authorKind = AuthorKind::Agent;
    m.authorId = agent.id;
    m.body = *body;
    if (visibility) {
        const auto v = parseVisibility(*visibility);
        if (!v)
            return badValue(QStringLiteral("visibility"), *visibility,
                            QStringLiteral("public, internal"));
        m.visibility = *v;
    }
    auto added = m_store.addMessage(t.id, m);
    if (!added)
        return fromCore(added.error(),
                        added.errorMessage().contains(m.uuid)
                            ? QStringLiteral("invalid")
                            : QStringLiteral("transition_not_allowed"));
    *effectUuid = added->uuid;
    return Rejection{};
}

Result<Rejection> PushOps::setStatus(const Agent &agent, const Ticket &t, const QJsonObject &p)
{
    std::optional<Rejection> bad;
    const auto status = text(p, QStringLiteral("status"), 40, bad);
    if (bad)
        return *bad;
    if (!status)
        return missing(QStringLiteral("status"));
    const auto to = parseStatus(*status);
    if (!to)
        return badValue(QStringLiteral("status"), *status, statusNames());
    if (*to == t.status)
        return Rejection{}; // docs/sync.md: the status it already has is a no-op
    return outcome(m_store.transition(t.id, *to, Actor::agent(agent.id)));
}

Result<Rejection> PushOps::assign(const Agent &agent, const Ticket &t, const QJsonObject &p)
{
    const QString key = QStringLiteral("assignee_uuid");
    const QJsonValue v = p.value(key);
    if (v.isUndefined())
        return missing(key);
    RowId assignee = 0;
    if (!v.isNull()) {
        if (!v.isString() || !isUuid(v.toString()))
            return invalid(tr("payload.assignee_uuid must be an agent's UUID or null."));
        auto row = m_db.exec(QStringLiteral("SELECT id, active FROM agents WHERE uuid = ?"),
                             {v.toString().toLower()});
        if (!row)
            return row.error();
        if (!row->next())
            return Rejection{QStringLiteral("not_found"),
                             tr("No agent with UUID %1.").arg(v.toString())};
        assignee = row->value(0).toLongLong();
        const bool active = row->value(1).toBool();
        row->finish();
        if (!active)
            return invalid(tr("payload.assignee_uuid names a deactivated agent."));
    }
    return outcome(m_store.assign(t.id, assignee, Actor::agent(agent.id)));
}

Result<Rejection> PushOps::setPriority(const Agent &agent, const Ticket &t, const QJsonObject &p)
{
    std::optional<Rejection> bad;
    const auto priority = text(p, QStringLiteral("priority"), 40, bad);
    if (bad)
        return *bad;
    if (!priority)
        return missing(QStringLiteral("priority"));
    const auto pr = parsePriority(*priority);
    if (!pr)
        return badValue(QStringLiteral("priority"), *priority,
                        QStringLiteral("low, normal, high, urgent"));
    return outcome(m_store.setPriority(t.id, *pr, Actor::agent(agent.id)));
}

Result<Rejection> PushOps::changeTags(const Agent &agent, const Ticket &t, const QJsonObject &p,
                                      bool add)
{
    const QJsonValue v = p.value(QStringLiteral("tags"));
    if (!v.isArray() || v.toArray().isEmpty() || v.toArray().size() > kMaxTags)
        return invalid(tr("payload.tags must be a list of 1 to %1 tags.").arg(kMaxTags));
    QStringList tags = t.tags;
    for (const QJsonValue &tag : v.toArray()) {
        const QString name = normalizedTag(tag.toString());
        if (!tag.isString() || name.isEmpty() || name.size() > kMaxTagChars)
            return invalid(
                tr("payload.tags must hold tags of 1 to %1 characters.").arg(kMaxTagChars));
        if (add)
            tags << name;
        else
            tags.removeAll(name);
    }
    return outcome(m_store.setTags(t.id, tags, Actor::agent(agent.id)));
}

} // namespace hd::server
