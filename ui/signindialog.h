// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QPointer>
#include <QUrl>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QNetworkReply;
class QPushButton;

namespace hd {

class Settings;
namespace sync {
class TokenStore;
}

/// File → Connect to Server…: the server's address, email and password; Sign in asks
/// POST /api/v1/auth/login asynchronously (the dialog stays responsive and can be cancelled).
/// A good answer stores the token (TokenStore: keyring, else the sealed file) and the server,
/// email and agent in the settings, then accepts. Errors say what went wrong: an address that
/// is not one, a server that does not answer, a wrong password, too many attempts (with the
/// wait the server asks for).
class SignInDialog : public QDialog
{
    Q_OBJECT
public:
    SignInDialog(Settings &settings, sync::TokenStore &tokens, QWidget *parent = nullptr);
    ~SignInDialog() override;

    /// The keyring account of a server's agent: one token per server and agent.
    static QString account(const QUrl &server, const QString &agentUuid);
    /// "helpdesk.example.com" -> https://helpdesk.example.com; an invalid QUrl when the text is
    /// not an http(s) address.
    static QUrl normalizedUrl(const QString &text);
    /// Revokes a token (POST /api/v1/auth/logout); the reply deletes itself when done.
    static QNetworkReply *signOut(QNetworkAccessManager &network, const QUrl &server,
                                  const QString &token);

    [[nodiscard]] QUrl server() const { return m_server; }
    [[nodiscard]] QString agentUuid() const { return m_agentUuid; }
    [[nodiscard]] QString errorText() const;
    [[nodiscard]] bool busy() const { return !m_reply.isNull() || m_storing; }

public Q_SLOTS:
    void signIn();
    void reject() override;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void answered(QNetworkReply *reply);
    void showError(const QString &text);
    void setBusy(bool on);
    void tokenSaved(bool ok, const QString &error);

    Settings &m_settings;
    sync::TokenStore &m_tokens;
    QNetworkAccessManager *m_network = nullptr;
    QPointer<QNetworkReply> m_reply;
    bool m_storing = false;
    QUrl m_server;
    QString m_agentUuid;
    QString m_agentName;
    QLabel *m_intro = nullptr;
    QLabel *m_urlLabel = nullptr;
    QLabel *m_emailLabel = nullptr;
    QLabel *m_passwordLabel = nullptr;
    QLineEdit *m_url = nullptr;
    QLineEdit *m_email = nullptr;
    QLineEdit *m_password = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_signIn = nullptr;
};

} // namespace hd
