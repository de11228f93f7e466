// SPDX-License-Identifier: GPL-3.0-or-later
// The sign-in dialog against the real server in process: a good sign-in stores a token that
// works and the server and agent in the settings; a wrong password, an address that is not one,
// a server that does not answer and too many attempts each say so in the dialog, which stays
// responsive meanwhile. Sign-out revokes the token.
#include "core/base/settings.h"
#include "server/serverfixture.h"
#include "sync/tokenstore.h"
#include "ui/signindialog.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTcpServer>

using namespace hd;

namespace {

struct Setup
{
    ServerFixture server;
    QTemporaryDir config;
    Settings settings{config.filePath("s.ini")};
    sync::TokenStore tokens{config.path()};
    std::unique_ptr<SignInDialog> dialog;

    Setup()
    {
        tokens.setKeychainEnabled(false);
        dialog = std::make_unique<SignInDialog>(settings, tokens);
    }
    QString url() const { return QString("http://127.0.0.1:%1").arg(server.server->port()); }
    void fill(const QString &address, const QString &email, const QString &password)
    {
        dialog->findChild<QLineEdit *>("serverUrl")->setText(address);
        dialog->findChild<QLineEdit *>("email")->setText(email);
        dialog->findChild<QLineEdit *>("password")->setText(password);
    }
    /// Clicks Sign in and waits for the answer (the event loop keeps running meanwhile).
    void signIn()
    {
        QTest::mouseClick(dialog->findChild<QPushButton *>("signInButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->busy(), 30000);
    }
};

} // namespace

class TestSyncSignIn : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void goodSignInStoresTheToken()
    {
        Setup s;
        s.fill(s.url() + "/", "agent@example.com", kPassword);
        QTest::mouseClick(s.dialog->findChild<QPushButton *>("signInButton"), Qt::LeftButton);
        QVERIFY(s.dialog->busy()); // asked, not answered yet: the GUI thread did not wait
        QVERIFY(!s.dialog->findChild<QLineEdit *>("password")->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(!s.dialog->busy(), 30000);
        QCOMPARE(s.dialog->result(), int(QDialog::Accepted));
        QCOMPARE(s.dialog->errorText(), QString());

        const QString agentUuid
            = s.server.db->scalar("SELECT uuid FROM agents WHERE email = 'agent@example.com'")
                  ->toString();
        QCOMPARE(s.dialog->agentUuid(), agentUuid);
        QCOMPARE(s.settings.value(keys::serverUrl), s.url()); // trailing slash gone
        QCOMPARE(s.settings.value(keys::serverUser), QString("agent@example.com"));
        QCOMPARE(s.settings.value(keys::serverAgentUuid), agentUuid);
        QCOMPARE(s.settings.value(keys::serverAgentName), QString("agent"));

        // The stored token is one the server takes.
        const QString token
            = *s.tokens.readFromFile(SignInDialog::account(QUrl(s.url()), agentUuid));
        QCOMPARE(token.size(), 43);
        QCOMPARE(s.server.send("GET", "/api/v1/me", {}, "Bearer " + token.toLatin1()).status, 200);

        // Sign-out revokes it.
        QNetworkAccessManager nam;
        QNetworkReply *out = SignInDialog::signOut(nam, QUrl(s.url()), token);
        QSignalSpy done(out, &QNetworkReply::finished);
        QVERIFY(done.wait(30000));
        QCOMPARE(s.server.send("GET", "/api/v1/me", {}, "Bearer " + token.toLatin1()).status, 401);
    }

    void wrongPasswordShowsTheError()
    {
        Setup s;
        s.fill(s.url(), "agent@example.com", "not the password");
        s.signIn();
        QCOMPARE(s.dialog->result(), int(QDialog::Rejected));
        QVERIFY(s.dialog->isVisible() || !s.dialog->errorText().isEmpty());
        QCOMPARE(s.dialog->errorText(), QString("The email or password is not right."));
        QVERIFY(s.dialog->findChild<QLineEdit *>("password")->isEnabled());
        QCOMPARE(s.settings.value(keys::serverAgentUuid), QString());
        QCOMPARE(QDir(s.config.path()).entryList({"token-*"}, QDir::Files).size(), 0);
    }

    void tooManyAttemptsSayHowLongToWait()
    {
        Setup s;
        s.fill(s.url(), "agent@example.com", "wrong");
        QString error;
        for (int i = 0; i < 8 && !error.startsWith("Too many"); ++i) {
            s.signIn();
            error = s.dialog->errorText();
        }
        QVERIFY2(error.startsWith("Too many failed sign-ins. Try again in "), qPrintable(error));
        QVERIFY2(error.endsWith(" second(s)."), qPrintable(error));
    }

    void badAddressesAreNamed()
    {
        Setup s;
        s.fill("ftp://files.example.com", "agent@example.com", kPassword);
        QTest::mouseClick(s.dialog->findChild<QPushButton *>("signInButton"), Qt::LeftButton);
        QVERIFY(!s.dialog->busy()); // refused before asking anyone
        QVERIFY(s.dialog->errorText().contains("is not a server address"));
        QCOMPARE(SignInDialog::normalizedUrl("helpdesk.example.com/").toString(),
                 QString("https://helpdesk.example.com"));
        QCOMPARE(SignInDialog::normalizedUrl("http://10.0.0.5:8080").toString(),
                 QString("http://10.0.0.5:8080"));
        QVERIFY(!SignInDialog::normalizedUrl("http://").isValid());
        QVERIFY(!SignInDialog::normalizedUrl("  ").isValid());

        // Nobody listens on this port: unreachable, said with the host.
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        s.fill(QString("http://127.0.0.1:%1").arg(port), "agent@example.com", kPassword);
        s.signIn();
        QVERIFY2(s.dialog->errorText().startsWith("Cannot reach 127.0.0.1: "),
                 qPrintable(s.dialog->errorText()));
    }
};

QTEST_MAIN(TestSyncSignIn)
#include "tst_syncsignin.moc"
