// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/storage/directory.h"

#include "core/base/clock.h"
#include "core/storage/database.h"
#include "core/storage/searchtext.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QUuid>

namespace hd {

namespace {
/// What customer_search holds for a customer (the exact text is needed again to delete it).
QString customerSearchText(const Customer &c)
{
    return searchTokens(QString(c.name + QLatin1Char(' ') + c.email + QLatin1Char(' ') + c.phone));
}

QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

const QString kAgentColumns
    = QStringLiteral("id, uuid, name, coalesce(email, ''), role, skills, languages, capacity, "
                     "coalesce(team_id, 0), active");

Agent agentFrom(const Rows &q)
{
    Agent a;
    a.id = q.value(0).toLongLong();
    a.uuid = q.value(1).toString();
    a.name = q.value(2).toString();
    a.email = q.value(3).toString();
    a.role = parseAgentRole(q.value(4).toString()).value_or(AgentRole::Agent);
    a.skills = q.value(5).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    a.languages = q.value(6).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    a.capacity = q.value(7).toInt();
    a.teamId = q.value(8).toLongLong();
    a.active = q.value(9).toBool();
    return a;
}

const QString kCustomerColumns = QStringLiteral(
    "id, uuid, name, coalesce(email, ''), coalesce(phone, ''), coalesce(language, ''), "
    "created_at");

Customer customerFrom(const Rows &q)
{
    Customer c;
    c.id = q.value(0).toLongLong();
    c.uuid = q.value(1).toString();
    c.name = q.value(2).toString();
    c.email = q.value(3).toString();
    c.phone = q.value(4).toString();
    c.language = q.value(5).toString();
    c.createdAt = Database::fromDb(q.value(6));
    return c;
}
} // namespace

Directory::Directory(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{ }

Result<Agent> Directory::addAgent(Agent a)
{
    if (a.name.trimmed().isEmpty())
        return Error{ErrorCode::InvalidArgument, Directory::tr("An agent needs a name.")};
    if (a.uuid.isEmpty())
        a.uuid = newUuid();
    auto q = m_db.exec(
        QStringLiteral("INSERT INTO agents(uuid, name, email, role, skills, languages, capacity, "
                       "team_id, active) VALUES (?,?,?,?,?,?,?,?,?)"),
        {a.uuid, a.name.trimmed(), a.email.isEmpty() ? QVariant() : QVariant(a.email.toLower()),
         wireName(a.role), a.skills.join(QLatin1Char(',')), a.languages.join(QLatin1Char(',')),
         a.capacity, Database::idOrNull(a.teamId), a.active});
    if (!q)
        return q.error();
    a.id = q->lastInsertId().toLongLong();
    return a;
}

Result<Agent> Directory::agent(RowId id)
{
    auto q = m_db.exec(QStringLiteral("SELECT ") + kAgentColumns
                           + QStringLiteral(" FROM agents WHERE id = ?"),
                       {id});
    if (!q)
        return q.error();
    if (!q->next())
        return Error{ErrorCode::NotFound, Directory::tr("No agent with id %1.").arg(id)};
    Agent a = agentFrom(*q);
    q->finish();
    return a;
}

Result<Agent> Directory::findAgent(const QString &key)
{
    bool isNumber = false;
    const qint64 id = key.toLongLong(&isNumber);
    if (isNumber)
        return agent(id);
    auto q = m_db.exec(QStringLiteral("SELECT ") + kAgentColumns
                           + QStringLiteral(" FROM agents WHERE email = ? OR name = ? LIMIT 1"),
                       {key.trimmed().toLower(), key.trimmed()});
    if (!q)
        return q.error();
    if (!q->next())
        return Error{ErrorCode::NotFound, Directory::tr("No agent named '%1'.").arg(key)};
    Agent a = agentFrom(*q);
    q->finish();
    return a;
}

Result<QList<Agent>> Directory::agents()
{
    auto q = m_db.exec(QStringLiteral("SELECT ") + kAgentColumns
                       + QStringLiteral(" FROM agents ORDER BY name"));
    if (!q)
        return q.error();
    QList<Agent> out;
    while (q->next())
        out << agentFrom(*q);
    return out;
}

Result<Team> Directory::addTeam(const QString &name)
{
    if (name.trimmed().isEmpty())
        return Error{ErrorCode::InvalidArgument, Directory::tr("A team needs a name.")};
    Team t{0, newUuid(), name.trimmed()};
    auto q = m_db.exec(QStringLiteral("INSERT INTO teams(uuid, name) VALUES (?, ?)"),
                       {t.uuid, t.name});
    if (!q)
        return q.error();
    t.id = q->lastInsertId().toLongLong();
    return t;
}

Result<QList<Team>> Directory::teams()
{
    auto q = m_db.exec(QStringLiteral("SELECT id, uuid, name FROM teams ORDER BY name"));
    if (!q)
        return q.error();
    QList<Team> out;
    while (q->next())
        out << Team{q->value(0).toLongLong(), q->value(1).toString(), q->value(2).toString()};
    return out;
}

Result<Category> Directory::ensureCategory(const QString &name)
{
    const QString n = name.trimmed();
    if (n.isEmpty())
        return Error{ErrorCode::InvalidArgument, Directory::tr("A category needs a name.")};
    auto found = m_db.scalar(QStringLiteral("SELECT id FROM categories WHERE name = ?"), {n});
    if (!found)
        return found.error();
    if (!found->isNull())
        return Category{found->toLongLong(), n, 0};
    auto q = m_db.exec(QStringLiteral("INSERT INTO categories(name) VALUES (?)"), {n});
    if (!q)
        return q.error();
    return Category{q->lastInsertId().toLongLong(), n, 0};
}

Result<QList<Category>> Directory::categories()
{
    auto q = m_db.exec(
        QStringLiteral("SELECT id, name, coalesce(parent_id, 0) FROM categories ORDER BY name"));
    if (!q)
        return q.error();
    QList<Category> out;
    while (q->next())
        out << Category{q->value(0).toLongLong(), q->value(1).toString(), q->value(2).toLongLong()};
    return out;
}

QString Directory::normalizeHandle(Channel channel, const QString &handle)
{
    const QString h = handle.trimmed();
    if (channel == Channel::Email || channel == Channel::Web || channel == Channel::InApp)
        return h.toLower();
    if (channel == Channel::Phone) {
        QString digits;
        for (QChar c : h)
            if (c.isDigit() || (c == QLatin1Char('+') && digits.isEmpty()))
                digits += c;
        return digits;
    }
    return h;
}

Result<Customer> Directory::addCustomer(Customer c)
{
    if (c.name.trimmed().isEmpty())
        c.name = !c.email.isEmpty() ? c.email : c.phone;
    if (c.name.trimmed().isEmpty())
        return Error{ErrorCode::InvalidArgument,
                     Directory::tr("A customer needs a name or an address.")};
    if (c.uuid.isEmpty())
        c.uuid = newUuid();
    if (!c.createdAt.isValid())
        c.createdAt = m_clock.now();
    Result<void> r = m_db.transaction([&]() -> Result<void> {
        auto q = m_db.exec(QStringLiteral("INSERT INTO customers(uuid, name, email, phone, "
                                          "language, created_at) VALUES (?,?,?,?,?,?)"),
                           {c.uuid, c.name.trimmed(),
                            c.email.isEmpty() ? QVariant() : QVariant(c.email.trimmed().toLower()),
                            c.phone.isEmpty() ? QVariant() : QVariant(c.phone),
                            c.language.isEmpty() ? QVariant() : QVariant(c.language),
                            Database::toDb(c.createdAt)});
        if (!q)
            return q.error();
        c.id = q->lastInsertId().toLongLong();
        QList<CustomerIdentity> ids = c.identities;
        if (!c.email.isEmpty())
            ids.prepend({Channel::Email, c.email});
        if (!c.phone.isEmpty())
            ids.prepend({Channel::Phone, c.phone});
        for (const CustomerIdentity &i : ids)
            if (auto a = addIdentity(c.id, i.channel, i.handle); !a)
                return a;
        auto s = m_db.exec(QStringLiteral("INSERT INTO customer_search(rowid, body) VALUES (?, ?)"),
                           {c.id, customerSearchText(c)});
        return s ? Result<void>() : Result<void>(s.error());
    });
    if (!r)
        return r.error();
    return c;
}

Result<Customer> Directory::customer(RowId id)
{
    auto q = m_db.exec(QStringLiteral("SELECT ") + kCustomerColumns
                           + QStringLiteral(" FROM customers WHERE id = ?"),
                       {id});
    if (!q)
        return q.error();
    if (!q->next())
        return Error{ErrorCode::NotFound, Directory::tr("No customer with id %1.").arg(id)};
    Customer c = customerFrom(*q);
    q->finish();
    auto ids = m_db.exec(QStringLiteral("SELECT channel, handle FROM customer_identities WHERE "
                                        "customer_id = ? ORDER BY channel, handle"),
                         {id});
    if (!ids)
        return ids.error();
    while (ids->next())
        c.identities << CustomerIdentity{
            parseChannel(ids->value(0).toString()).value_or(Channel::Email),
            ids->value(1).toString()};
    return c;
}

Result<QList<Customer>> Directory::searchCustomers(const QString &text, int limit)
{
    const SearchQuery sq = buildSearchQuery(text);
    if (sq.empty)
        return Error{ErrorCode::InvalidArgument,
                     tr("The search '%1' has no searchable words.").arg(text)};
    auto q = m_db.exec(
        QStringLiteral("SELECT rowid FROM customer_search WHERE customer_search MATCH ? "
                       "ORDER BY rank LIMIT ?"),
        {sq.fts, qBound(1, limit, 200)});
    if (!q)
        return q.error();
    return customersOf(*q);
}

Result<Customer> Directory::findCustomerByIdentity(Channel channel, const QString &handle)
{
    auto id = m_db.scalar(QStringLiteral("SELECT customer_id FROM customer_identities WHERE "
                                         "channel = ? AND handle = ?"),
                          {wireName(channel), normalizeHandle(channel, handle)});
    if (!id)
        return id.error();
    if (id->isNull())
        return Error{
            ErrorCode::NotFound,
            Directory::tr("No customer known as '%1' on %2.").arg(handle, wireName(channel))};
    return customer(id->toLongLong());
}

Result<Customer> Directory::ensureCustomer(Channel channel, const QString &handle,
                                           const QString &name)
{
    const QString h = normalizeHandle(channel, handle);
    if (h.isEmpty())
        return Error{ErrorCode::InvalidArgument,
                     Directory::tr("An empty customer address is not allowed.")};
    auto found = findCustomerByIdentity(channel, h);
    if (found || found.errorCode() != ErrorCode::NotFound)
        return found;
    Customer c;
    c.name = name.trimmed().isEmpty() ? handle.trimmed() : name.trimmed();
    if (channel == Channel::Email)
        c.email = h;
    else if (channel == Channel::Phone)
        c.phone = h;
    else
        c.identities << CustomerIdentity{channel, h};
    return addCustomer(c);
}

Result<void> Directory::addIdentity(RowId customerId, Channel channel, const QString &handle)
{
    const QString h = normalizeHandle(channel, handle);
    if (h.isEmpty())
        return Error{ErrorCode::InvalidArgument,
                     Directory::tr("An empty customer address is not allowed.")};
    auto owner = m_db.scalar(QStringLiteral("SELECT customer_id FROM customer_identities WHERE "
                                            "channel = ? AND handle = ?"),
                             {wireName(channel), h});
    if (!owner)
        return owner.error();
    if (!owner->isNull()) {
        if (owner->toLongLong() == customerId)
            return {};
        return Error{ErrorCode::Conflict,
                     Directory::tr("'%1' on %2 already belongs to another customer (id %3).")
                         .arg(handle, wireName(channel))
                         .arg(owner->toLongLong())};
    }
    auto q = m_db.exec(QStringLiteral("INSERT INTO customer_identities(channel, handle, "
                                      "customer_id) VALUES (?,?,?)"),
                       {wireName(channel), h, customerId});
    return q ? Result<void>() : Result<void>(q.error());
}

Result<void> Directory::mergeCustomers(RowId from, RowId into)
{
    if (from == into)
        return Error{ErrorCode::InvalidArgument,
                     Directory::tr("A customer cannot be merged into itself.")};
    auto a = customer(from);
    if (!a)
        return a.error();
    auto b = customer(into);
    if (!b)
        return b.error();
    return m_db.transaction([&]() -> Result<void> {
        for (const char *sql :
             {"UPDATE customer_identities SET customer_id = ? WHERE customer_id = ?",
              "UPDATE tickets SET requester_id = ? WHERE requester_id = ?",
              "UPDATE messages SET author_customer_id = ? WHERE author_customer_id = ?"}) {
            if (auto q = m_db.exec(QString::fromLatin1(sql), {into, from}); !q)
                return q.error();
        }
        auto del = m_db.isPostgres()
            ? m_db.exec(QStringLiteral("DELETE FROM customer_search WHERE rowid = ?"), {from})
            : m_db.exec(QStringLiteral("INSERT INTO customer_search(customer_search, rowid, "
                                       "body) VALUES ('delete', ?, ?)"),
                        {from, customerSearchText(*a)});
        if (!del)
            return del.error();
        auto q = m_db.exec(QStringLiteral("DELETE FROM customers WHERE id = ?"), {from});
        return q ? Result<void>() : Result<void>(q.error());
    });
}

Result<Customer> Directory::findCustomer(const QString &key)
{
    const QString k = key.trimmed();
    bool isNumber = false;
    const qint64 id = k.toLongLong(&isNumber);
    if (isNumber)
        return customer(id);
    const qsizetype colon = k.indexOf(QLatin1Char(':'));
    if (colon > 0) {
        const QString name = k.left(colon).trimmed().toLower();
        std::optional<Channel> channel = parseChannel(name);
        if (name == QLatin1String("kakao"))
            channel = Channel::ChatKakao;
        else if (name == QLatin1String("channeltalk"))
            channel = Channel::ChatChannelTalk;
        if (channel)
            return findCustomerByIdentity(*channel, k.mid(colon + 1));
    }
    if (k.contains(QLatin1Char('@')))
        return findCustomerByIdentity(Channel::Email, k);
    auto byUuid
        = m_db.scalar(QStringLiteral("SELECT id FROM customers WHERE uuid = ?"), {k.toLower()});
    if (!byUuid)
        return byUuid.error();
    if (byUuid->isNull())
        return Error{ErrorCode::NotFound,
                     Directory::tr("No customer '%1' (use an id, a uuid, an email address or "
                                   "channel:handle).")
                         .arg(key)};
    return customer(byUuid->toLongLong());
}

Result<QList<Customer>> Directory::customers(int limit, RowId afterId)
{
    auto q = m_db.exec(QStringLiteral("SELECT id FROM customers WHERE id > ? ORDER BY id LIMIT ?"),
                       {afterId, qBound(1, limit, 10000)});
    if (!q)
        return q.error();
    return customersOf(*q);
}

Result<void> Directory::rebuildCustomerSearch()
{
    return m_db.transaction([&]() -> Result<void> {
        if (auto q = m_db.exec(m_db.isPostgres()
                                   ? QStringLiteral("DELETE FROM customer_search")
                                   : QStringLiteral("INSERT INTO customer_search(customer_search) "
                                                    "VALUES ('delete-all')"));
            !q)
            return q.error();
        for (RowId last = 0;;) {
            QList<Customer> page;
            auto q = m_db.exec(QStringLiteral("SELECT id, name, coalesce(email, ''), "
                                              "coalesce(phone, '') FROM customers WHERE id > ? "
                                              "ORDER BY id LIMIT 1000"),
                               {last});
            if (!q)
                return q.error();
            while (q->next()) {
                Customer c;
                c.id = q->value(0).toLongLong();
                c.name = q->value(1).toString();
                c.email = q->value(2).toString();
                c.phone = q->value(3).toString();
                page << c;
            }
            q->finish();
            if (page.isEmpty())
                return {};
            for (const Customer &c : std::as_const(page))
                if (auto s = m_db.exec(QStringLiteral("INSERT INTO customer_search(rowid, body) "
                                                      "VALUES (?, ?)"),
                                       {c.id, customerSearchText(c)});
                    !s)
                    return s.error();
            last = page.last().id;
        }
    });
}

Result<QList<Customer>> Directory::customersOf(Rows ids)
{
    QList<RowId> list;
    while (ids.next())
        list << ids.value(0).toLongLong();
    ids.finish(); // the statement is cached: release it before customer() runs its own
    QList<Customer> out;
    for (RowId id : std::as_const(list)) {
        auto c = customer(id);
        if (!c)
            return c.error();
        out << *c;
    }
    return out;
}

} // namespace hd
