// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/auth.h"

#include "core/base/clock.h"
#include "core/storage/database.h"
#include "core/storage/directory.h"
#include "server/crypto.h"

#include <QRegularExpression>
#include <QScopeGuard>

namespace hd::server {

namespace {
int rank(AgentRole r)
{
    switch (r) {
    case AgentRole::Agent:
        return 0;
    case AgentRole::Manager:
        return 1;
    case AgentRole::Admin:
        return 2;
    }
    return -1;
}

bool plausibleEmail(const QString &email)
{
    static const QRegularExpression re(QStringLiteral("^[^@\\s]+@[^@\\s]+$"));
    return email.size() <= 254 && re.match(email).hasMatch();
}

QString wrongCredentials()
{
    return Accounts::tr("Wrong email or password.");
}
} // namespace

bool roleAtLeast(AgentRole role, AgentRole required)
{
    return rank(role) >= rank(required);
}

Accounts::Accounts(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{ }

Result<void> Accounts::checkPassword(const QString &password)
{
    if (password.size() < kMinPasswordChars)
        return Error{ErrorCode::InvalidArgument,
                     tr("A password needs at least %1 characters.").arg(kMinPasswordChars)};
    if (password.toUtf8().size() > kMaxPasswordBytes)
        return Error{ErrorCode::InvalidArgument,
                     tr("A password can have at most %1 bytes.").arg(kMaxPasswordBytes)};
    return {};
}

Result<Agent> Accounts::createAccount(const QString &email, const QString &name, AgentRole role,
                                      const QString &password)
{
    const QString mail = email.trimmed().toLower();
    if (!plausibleEmail(mail))
        return Error{ErrorCode::InvalidArgument, tr("'%1' is not an email address.").arg(email)};
    if (name.trimmed().isEmpty())
        return Error{ErrorCode::InvalidArgument, tr("An account needs a name.")};
    if (auto ok = checkPassword(password); !ok)
        return ok.error();
    auto taken = m_db.scalar(QStringLiteral("SELECT id FROM agents WHERE email = ?"), {mail});
    if (!taken)
        return taken.error();
    if (!taken->isNull())
        return Error{ErrorCode::Conflict, tr("An account with the email %1 exists.").arg(mail)};

    QByteArray secret = password.toUtf8();
    const QByteArray hash = crypto::hashPassword(secret);
    crypto::wipe(secret);
    if (hash.isEmpty())
        return Error{ErrorCode::Internal, tr("The password could not be hashed.")};

    Result<Agent> made = Error{};
    auto tx = m_db.transaction([&]() -> Result<void> {
        Agent a;
        a.email = mail;
        a.name = name.trimmed();
        a.role = role;
        made = Directory(m_db, m_clock).addAgent(a);
        if (!made)
            return made.error();
        auto q = m_db.exec(QStringLiteral("UPDATE agents SET password_hash = ? WHERE id = ?"),
                           {QString::fromLatin1(hash), made->id});
        if (!q)
            return q.error();
        return {};
    });
    if (!tx)
        return tx.error();
    return made;
}

Result<void> Accounts::setPassword(RowId agentId, const QString &password)
{
    if (auto ok = checkPassword(password); !ok)
        return ok;
    QByteArray secret = password.toUtf8();
    const QByteArray hash = crypto::hashPassword(secret);
    crypto::wipe(secret);
    if (hash.isEmpty())
        return Error{ErrorCode::Internal, tr("The password could not be hashed.")};
    auto q = m_db.exec(QStringLiteral("UPDATE agents SET password_hash = ? WHERE id = ?"),
                       {QString::fromLatin1(hash), agentId});
    if (!q)
        return q.error();
    if (q->numRowsAffected() != 1)
        return Error{ErrorCode::NotFound, tr("No agent with id %1.").arg(agentId)};
    return {};
}

Result<Agent> Accounts::verify(const QString &email, const QString &password)
{
    QByteArray secret = password.toUtf8();
    const auto done = qScopeGuard([&] { crypto::wipe(secret); });
    if (secret.size() > kMaxPasswordBytes)
        return Error{ErrorCode::NotFound, wrongCredentials()};
    auto q = m_db.exec(QStringLiteral("SELECT id, password_hash, active FROM agents "
                                      "WHERE email = ? AND password_hash IS NOT NULL"),
                       {email.trimmed().toLower()});
    if (!q)
        return q.error();
    RowId id = 0;
    QByteArray hash;
    bool active = false;
    if (q->next()) {
        id = q->value(0).toLongLong();
        hash = q->value(1).toString().toLatin1();
        active = q->value(2).toBool();
    }
    q->finish();
    if (id == 0) {
        // The same Argon2id work as a real account, so timing does not tell which emails exist.
        (void)crypto::verifyPassword(crypto::dummyHash(), secret);
        return Error{ErrorCode::NotFound, wrongCredentials()};
    }
    if (!crypto::verifyPassword(hash, secret) || !active)
        return Error{ErrorCode::NotFound, wrongCredentials()};
    if (crypto::needsRehash(hash)) {
        const QByteArray fresh = crypto::hashPassword(secret);
        if (!fresh.isEmpty())
            (void)m_db.exec(QStringLiteral("UPDATE agents SET password_hash = ? WHERE id = ?"),
                            {QString::fromLatin1(fresh), id});
    }
    return Directory(m_db, m_clock).agent(id);
}

Result<IssuedToken> Accounts::issueToken(RowId agentId)
{
    const QDateTime now = m_clock.now();
    IssuedToken t{crypto::randomToken(32), now.addDays(kTokenLifetimeDays)};
    auto q = m_db.exec(QStringLiteral("INSERT INTO auth_tokens(token_hash, agent_id, created_at, "
                                      "expires_at, last_used_at) VALUES (?,?,?,?,?)"),
                       {crypto::tokenHash(t.token), agentId, Database::toDb(now),
                        Database::toDb(t.expiresAt), Database::toDb(now)});
    if (!q)
        return q.error();
    return t;
}

Result<void> Accounts::revoke(const QString &token)
{
    auto q = m_db.exec(QStringLiteral("DELETE FROM auth_tokens WHERE token_hash = ?"),
                       {crypto::tokenHash(token)});
    if (!q)
        return q.error();
    return {};
}

bool Accounts::looksLikeToken(const QString &token)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_-]{43}$"));
    return re.match(token).hasMatch();
}

Result<Agent> Accounts::agentForToken(const QString &token)
{
    const Error invalid{ErrorCode::NotFound, tr("The sign-in token is invalid or expired.")};
    if (!looksLikeToken(token))
        return invalid;
    const QString key = crypto::tokenHash(token);
    auto q = m_db.exec(QStringLiteral("SELECT t.agent_id, t.expires_at, t.last_used_at, a.active, "
                                      "a.password_hash IS NOT NULL FROM auth_tokens t "
                                      "JOIN agents a ON a.id = t.agent_id WHERE t.token_hash = ?"),
                       {key});
    if (!q)
        return q.error();
    if (!q->next())
        return invalid;
    const RowId agentId = q->value(0).toLongLong();
    const qint64 expires = q->value(1).toLongLong();
    const qint64 lastUsed = q->value(2).toLongLong();
    const bool usable = q->value(3).toBool() && q->value(4).toBool();
    q->finish();
    const QDateTime now = m_clock.now();
    const qint64 nowMs = now.toMSecsSinceEpoch();
    if (nowMs >= expires) {
        (void)m_db.exec(QStringLiteral("DELETE FROM auth_tokens WHERE token_hash = ?"), {key});
        return invalid;
    }
    if (!usable)
        return invalid;
    if (nowMs - lastUsed >= kTouchIntervalSecs * 1000) {
        auto touched
            = m_db.exec(QStringLiteral("UPDATE auth_tokens SET last_used_at = ?, expires_at = ? "
                                       "WHERE token_hash = ?"),
                        {nowMs, Database::toDb(now.addDays(kTokenLifetimeDays)), key});
        if (!touched)
            return touched.error();
    }
    return Directory(m_db, m_clock).agent(agentId);
}

LoginLimiter::LoginLimiter(const Clock &clock, int maxFailures, qint64 windowSecs)
    : m_clock(clock)
    , m_maxFailures(maxFailures)
    , m_windowMs(windowSecs * 1000)
{ }

void LoginLimiter::prune(const QString &key)
{
    auto it = m_failures.find(key);
    if (it == m_failures.end())
        return;
    const qint64 cutoff = m_clock.now().toMSecsSinceEpoch() - m_windowMs;
    while (!it->isEmpty() && it->constFirst() <= cutoff)
        it->removeFirst();
    if (it->isEmpty())
        m_failures.erase(it);
}

qint64 LoginLimiter::retryAfter(const QString &key)
{
    prune(key);
    const auto it = m_failures.constFind(key);
    if (it == m_failures.cend() || it->size() < m_maxFailures)
        return 0;
    // Allowed again once the failure that fills the window leaves it.
    const qint64 freeAt = it->at(it->size() - m_maxFailures) + m_windowMs;
    const qint64 waitMs = freeAt - m_clock.now().toMSecsSinceEpoch();
    return qMax<qint64>(1, (waitMs + 999) / 1000);
}

void LoginLimiter::recordFailure(const QString &key)
{
    // Bounded memory under a flood of distinct keys: drop keys whose failures all expired.
    if (m_failures.size() > 100000) {
        const QStringList keys = m_failures.keys();
        for (const QString &k : keys)
            prune(k);
    }
    prune(key);
    m_failures[key].append(m_clock.now().toMSecsSinceEpoch());
}

void LoginLimiter::reset(const QString &key)
{
    m_failures.remove(key);
}

} // namespace hd::server
