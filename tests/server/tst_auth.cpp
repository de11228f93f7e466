// SPDX-License-Identifier: GPL-3.0-or-later
// Accounts: Argon2id hashes, sign-in, tokens stored hashed with sliding expiry, revocation and
// the sign-in rate limit.
#include "support/storefixture.h"

#include "server/auth.h"
#include "server/crypto.h"

#include <QFile>
#include <QTest>

#include <sodium.h>

using namespace hd;
using namespace hd::server;

class TestAuth : public QObject
{
    Q_OBJECT

    static QString storedHash(Database &db, RowId id)
    {
        auto v = db.scalar("SELECT password_hash FROM agents WHERE id = ?", {id});
        return v ? v->toString() : QString();
    }

private Q_SLOTS:
    void passwordsAreHashedWithArgon2id()
    {
        StoreFixture f;
        Accounts accounts(*f.db, f.clock);
        auto a = accounts.createAccount(" Kim@Example.com ", "김민지", AgentRole::Admin,
                                        "correct horse battery");
        QVERIFY2(bool(a), qPrintable(a.errorMessage()));
        QCOMPARE(a->email, QString("kim@example.com"));
        QCOMPARE(a->role, AgentRole::Admin);
        const QString hash = storedHash(*f.db, a->id);
        QVERIFY2(hash.startsWith("$argon2id$v=19$m=65536,t=2,p=1$"), qPrintable(hash));
        QVERIFY(!hash.contains("correct horse"));
        QVERIFY(crypto::verifyPassword(hash.toLatin1(), "correct horse battery"));
        QVERIFY(!crypto::verifyPassword(hash.toLatin1(), "correct horse batterY"));
        QVERIFY(!crypto::verifyPassword("not a hash", "correct horse battery"));
        QVERIFY(!crypto::needsRehash(hash.toLatin1()));
        // The same password twice gives two hashes (random salt).
        auto b = accounts.createAccount("lee@example.com", "이서준", AgentRole::Agent,
                                        "correct horse battery");
        QVERIFY(bool(b));
        QVERIFY(storedHash(*f.db, b->id) != hash);
    }

    void accountRules()
    {
        StoreFixture f;
        Accounts accounts(*f.db, f.clock);
        auto shortPw
            = accounts.createAccount("a@example.com", "A", AgentRole::Agent, "elevenchars");
        QCOMPARE(shortPw.errorCode(), ErrorCode::InvalidArgument);
        auto ok = accounts.createAccount("a@example.com", "A", AgentRole::Agent, "twelve chars");
        QVERIFY2(bool(ok), qPrintable(ok.errorMessage()));
        QCOMPARE(accounts.createAccount("A@example.com", "B", AgentRole::Agent, "twelve chars!")
                     .errorCode(),
                 ErrorCode::Conflict);
        QCOMPARE(accounts.createAccount("not-an-email", "C", AgentRole::Agent, "twelve chars!")
                     .errorCode(),
                 ErrorCode::InvalidArgument);
        QCOMPARE(accounts.createAccount("c@example.com", " ", AgentRole::Agent, "twelve chars!")
                     .errorCode(),
                 ErrorCode::InvalidArgument);
        QCOMPARE(accounts
                     .createAccount("d@example.com", "D", AgentRole::Agent,
                                    QString(Accounts::kMaxPasswordBytes + 1, 'x'))
                     .errorCode(),
                 ErrorCode::InvalidArgument);
        // Agents made elsewhere (demo data, the desktop) have no password and cannot sign in.
        const Agent plain = f.agent("Park");
        QVERIFY(storedHash(*f.db, plain.id).isEmpty());
        QCOMPARE(accounts.verify("park@example.com", "").errorCode(), ErrorCode::NotFound);
        QVERIFY(accounts.setPassword(plain.id, "a new password"));
        QVERIFY(bool(accounts.verify("park@example.com", "a new password")));
        QCOMPARE(accounts.setPassword(9999, "a new password").errorCode(), ErrorCode::NotFound);
    }

    void verifyGivesOneAnswerForEveryFailure()
    {
        StoreFixture f;
        Accounts accounts(*f.db, f.clock);
        auto a = accounts.createAccount("kim@example.com", "Kim", AgentRole::Agent,
                                        "비밀번호는 열두 글자 이상");
        QVERIFY(bool(a));
        auto good = accounts.verify("KIM@example.com", "비밀번호는 열두 글자 이상");
        QVERIFY2(bool(good), qPrintable(good.errorMessage()));
        QCOMPARE(good->id, a->id);
        auto wrong = accounts.verify("kim@example.com", "비밀번호는 열두 글자 이하");
        auto unknown = accounts.verify("nobody@example.com", "비밀번호는 열두 글자 이상");
        QCOMPARE(wrong.errorCode(), ErrorCode::NotFound);
        QCOMPARE(unknown.errorCode(), ErrorCode::NotFound);
        QCOMPARE(wrong.errorMessage(), unknown.errorMessage());
        // A deactivated agent cannot sign in, with the same answer.
        QVERIFY(f.db->exec("UPDATE agents SET active = 0 WHERE id = ?", {a->id}));
        auto inactive = accounts.verify("kim@example.com", "비밀번호는 열두 글자 이상");
        QCOMPARE(inactive.errorMessage(), unknown.errorMessage());
    }

    void weakerHashesAreUpgradedOnSignIn()
    {
        StoreFixture f;
        Accounts accounts(*f.db, f.clock);
        auto a
            = accounts.createAccount("kim@example.com", "Kim", AgentRole::Agent, "old parameters");
        QVERIFY(bool(a));
        char weak[crypto_pwhash_STRBYTES];
        const QByteArray pw = "old parameters";
        QCOMPARE(crypto_pwhash_str(weak, pw.constData(), quint64(pw.size()),
                                   crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN),
                 0);
        QVERIFY(crypto::needsRehash(QByteArray(weak)));
        QVERIFY(f.db->exec("UPDATE agents SET password_hash = ? WHERE id = ?",
                           {QString::fromLatin1(weak), a->id}));
        QVERIFY(bool(accounts.verify("kim@example.com", "old parameters")));
        const QString upgraded = storedHash(*f.db, a->id);
        QVERIFY(upgraded != QString::fromLatin1(weak));
        QVERIFY(!crypto::needsRehash(upgraded.toLatin1()));
        QVERIFY(bool(accounts.verify("kim@example.com", "old parameters")));
    }

    void tokensAreStoredHashed()
    {
        StoreFixture f;
        Accounts accounts(*f.db, f.clock);
        auto a
            = accounts.createAccount("kim@example.com", "Kim", AgentRole::Manager, "twelve chars!");
        QVERIFY(bool(a));
        auto t = accounts.issueToken(a->id);
        QVERIFY(bool(t));
        QCOMPARE(t->token.size(), 43); // 32 bytes, base64url without padding
        QVERIFY(Accounts::looksLikeToken(t->token));
        QCOMPARE(t->expiresAt, f.clock.now().addDays(30));
        QVERIFY(t->token != accounts.issueToken(a->id)->token);

        auto rows = f.db->exec("SELECT token_hash, agent_id FROM auth_tokens");
        QVERIFY(bool(rows));
        QStringList hashes;
        while (rows->next()) {
            hashes << rows->value(0).toString();
            QCOMPARE(rows->value(1).toLongLong(), a->id);
        }
        QCOMPARE(hashes.size(), 2);
        QVERIFY(hashes.contains(crypto::tokenHash(t->token)));
        QCOMPARE(crypto::tokenHash(t->token).size(), 64); // BLAKE2b-256, hex
        QVERIFY(!hashes.contains(t->token));

        // Nowhere in the database files: not the token, not its bytes in any column.
        QVERIFY(f.db->exec("PRAGMA wal_checkpoint(TRUNCATE)"));
        for (const QString &suffix : {QString(), QString("-wal")}) {
            QFile file(f.db->path() + suffix);
            if (!file.open(QIODevice::ReadOnly))
                continue;
            QVERIFY(!file.readAll().contains(t->token.toLatin1()));
        }

        auto who = accounts.agentForToken(t->token);
        QVERIFY2(bool(who), qPrintable(who.errorMessage()));
        QCOMPARE(who->id, a->id);
        QCOMPARE(who->role, AgentRole::Manager);
    }

    void malformedAndUnknownTokensAreRefused()
    {
        StoreFixture f;
        Accounts accounts(*f.db, f.clock);
        for (const QString &bad :
             {QString(), QString("x"), QString(43, '!'), QString("' OR 1=1 --"), QString(44, 'a')})
            QCOMPARE(accounts.agentForToken(bad).errorCode(), ErrorCode::NotFound);
        QCOMPARE(accounts.agentForToken(QString(43, 'a')).errorCode(), ErrorCode::NotFound);
    }

    void tokensExpireThirtyDaysAfterLastUse()
    {
        StoreFixture f;
        Accounts accounts(*f.db, f.clock);
        auto a
            = accounts.createAccount("kim@example.com", "Kim", AgentRole::Agent, "twelve chars!");
        QVERIFY(bool(a));
        auto t = accounts.issueToken(a->id);
        QVERIFY(bool(t));
        // Used after 29 days: valid, and its expiry moves to 30 days after that use.
        f.clock.advanceSecs(29 * 86400);
        QVERIFY(bool(accounts.agentForToken(t->token)));
        auto expires = f.db->scalar("SELECT expires_at FROM auth_tokens");
        QCOMPARE(expires->toLongLong(), f.clock.now().addDays(30).toMSecsSinceEpoch());
        f.clock.advanceSecs(29 * 86400); // 58 days after issue, 29 after last use
        QVERIFY(bool(accounts.agentForToken(t->token)));
        // 30 days without use: expired, and the row is gone.
        f.clock.advanceSecs(30 * 86400);
        QCOMPARE(accounts.agentForToken(t->token).errorCode(), ErrorCode::NotFound);
        QCOMPARE(f.db->scalar("SELECT count(*) FROM auth_tokens")->toInt(), 0);

        // Within a minute of the last use, a request does not write.
        auto u = accounts.issueToken(a->id);
        f.clock.advanceSecs(30);
        QVERIFY(bool(accounts.agentForToken(u->token)));
        QCOMPARE(f.db->scalar("SELECT last_used_at FROM auth_tokens")->toLongLong(),
                 f.clock.now().addSecs(-30).toMSecsSinceEpoch());
    }

    void revokedTokensAndDeactivatedAgentsAreRefused()
    {
        StoreFixture f;
        Accounts accounts(*f.db, f.clock);
        auto a
            = accounts.createAccount("kim@example.com", "Kim", AgentRole::Agent, "twelve chars!");
        QVERIFY(bool(a));
        auto t1 = accounts.issueToken(a->id);
        auto t2 = accounts.issueToken(a->id);
        QVERIFY(accounts.revoke(t1->token));
        QCOMPARE(accounts.agentForToken(t1->token).errorCode(), ErrorCode::NotFound);
        QVERIFY(bool(accounts.agentForToken(t2->token))); // other sessions stay
        QVERIFY(accounts.revoke(t1->token)); // twice is fine
        QVERIFY(f.db->exec("UPDATE agents SET active = 0 WHERE id = ?", {a->id}));
        QCOMPARE(accounts.agentForToken(t2->token).errorCode(), ErrorCode::NotFound);
        // Deleting the agent deletes its tokens.
        QVERIFY(f.db->exec("DELETE FROM agents WHERE id = ?", {a->id}));
        QCOMPARE(f.db->scalar("SELECT count(*) FROM auth_tokens")->toInt(), 0);
    }

    void roles()
    {
        QVERIFY(roleAtLeast(AgentRole::Admin, AgentRole::Manager));
        QVERIFY(roleAtLeast(AgentRole::Manager, AgentRole::Manager));
        QVERIFY(roleAtLeast(AgentRole::Manager, AgentRole::Agent));
        QVERIFY(!roleAtLeast(AgentRole::Agent, AgentRole::Manager));
        QVERIFY(!roleAtLeast(AgentRole::Manager, AgentRole::Admin));
    }

    void loginLimiterAllowsFiveFailuresAMinute()
    {
        ManualClock clock;
        LoginLimiter limiter(clock);
        const QString key = "peer:127.0.0.1";
        for (int i = 0; i < 4; ++i) {
            limiter.recordFailure(key);
            clock.advanceSecs(10);
        }
        QCOMPARE(limiter.retryAfter(key), 0); // 4 failures at 0, 10, 20, 30 s; now 40 s
        limiter.recordFailure(key); // the fifth, at 40 s
        // Blocked until the first failure leaves the window: at 60 s, 20 s from now.
        QCOMPARE(limiter.retryAfter(key), 20);
        QCOMPARE(limiter.retryAfter("peer:10.0.0.1"), 0); // other keys are not affected
        clock.advanceSecs(19);
        QCOMPARE(limiter.retryAfter(key), 1);
        clock.advanceSecs(1);
        QCOMPARE(limiter.retryAfter(key), 0); // 4 failures in the window again
        limiter.recordFailure(key);
        QCOMPARE(limiter.retryAfter(key), 10); // next to leave: the one at 10 s
        limiter.reset(key);
        QCOMPARE(limiter.retryAfter(key), 0);
    }
};

QTEST_GUILESS_MAIN(TestAuth)
#include "tst_auth.moc"
