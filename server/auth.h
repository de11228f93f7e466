// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/domain/ticket.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QList>

namespace hd {
class Clock;
class Database;
} // namespace hd

namespace hd::server {

/// Agent < Manager < Admin: whether `role` may do what `required` may.
bool roleAtLeast(AgentRole role, AgentRole required);

/// A token as login hands it out: shown once, stored only as its hash.
struct IssuedToken
{
    QString token;
    QDateTime expiresAt;
};

/// Server accounts: agents with a password (Argon2id via libsodium) and their sign-in tokens.
/// Tokens are 32 random bytes (base64url); the database holds their BLAKE2b hash only. A token
/// expires kTokenLifetimeDays after its last use (sliding).
class Accounts
{
    Q_DECLARE_TR_FUNCTIONS(hd::server::Accounts)

public:
    static constexpr int kMinPasswordChars = 12;
    static constexpr int kMaxPasswordBytes = 1024;
    static constexpr int kTokenLifetimeDays = 30;
    /// last_used_at is written at most this often per token (one write per request otherwise).
    static constexpr qint64 kTouchIntervalSecs = 60;

    Accounts(Database &db, const Clock &clock);

    /// A new agent who can sign in. InvalidArgument for a bad email, name or password,
    /// Conflict when the email is taken.
    Result<Agent> createAccount(const QString &email, const QString &name, AgentRole role,
                                const QString &password);
    Result<void> setPassword(RowId agentId, const QString &password);
    /// The active agent with this email and password. Unknown emails and wrong passwords give
    /// the same error (NotFound, same message) after the same work.
    Result<Agent> verify(const QString &email, const QString &password);

    Result<IssuedToken> issueToken(RowId agentId);
    /// Forgets the token (signing out). Unknown tokens are not an error.
    Result<void> revoke(const QString &token);
    /// The active agent who holds an unexpired token (NotFound otherwise); slides its expiry.
    Result<Agent> agentForToken(const QString &token);

    /// Only the shape: 43 base64url characters (malformed tokens are refused unread).
    static bool looksLikeToken(const QString &token);
    static Result<void> checkPassword(const QString &password);

private:
    Database &m_db;
    const Clock &m_clock;
};

/// Failed sign-ins per key (peer address, email) in a sliding window: after `maxFailures`
/// within `windowSecs`, retryAfter() tells how long to wait. In memory, per server process.
class LoginLimiter
{
public:
    explicit LoginLimiter(const Clock &clock, int maxFailures = 5, qint64 windowSecs = 60);

    /// Seconds until the key may try again (0 = now).
    [[nodiscard]] qint64 retryAfter(const QString &key);
    void recordFailure(const QString &key);
    void reset(const QString &key);

private:
    void prune(const QString &key);

    const Clock &m_clock;
    int m_maxFailures;
    qint64 m_windowMs;
    QHash<QString, QList<qint64>> m_failures; ///< failure times (ms), oldest first
};

} // namespace hd::server
