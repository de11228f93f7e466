// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/signindialog.h"

#include "core/base/settings.h"
#include "sync/tokenstore.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QVBoxLayout>

namespace hd {

namespace {
constexpr int kSignInTimeoutMs = 20'000;
}

SignInDialog::SignInDialog(Settings &settings, sync::TokenStore &tokens, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_tokens(tokens)
    , m_network(new QNetworkAccessManager(this))
{
    setObjectName(QStringLiteral("signInDialog"));
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    m_url = new QLineEdit(m_settings.value(keys::serverUrl), this);
    m_url->setObjectName(QStringLiteral("serverUrl"));
    m_url->setPlaceholderText(QStringLiteral("https://helpdesk.example.com"));
    m_email = new QLineEdit(m_settings.value(keys::serverUser), this);
    m_email->setObjectName(QStringLiteral("email"));
    m_email->setPlaceholderText(QStringLiteral("name@example.com"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("signInError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_error->hide();
    m_urlLabel = new QLabel(this);
    m_emailLabel = new QLabel(this);
    m_passwordLabel = new QLabel(this);
    m_urlLabel->setBuddy(m_url);
    m_emailLabel->setBuddy(m_email);
    m_passwordLabel->setBuddy(m_password);
    auto *form = new QFormLayout;
    form->addRow(m_urlLabel, m_url);
    form->addRow(m_emailLabel, m_email);
    form->addRow(m_passwordLabel, m_password);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_signIn = m_buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_signIn->setObjectName(QStringLiteral("signInButton"));
    m_signIn->setDefault(true);
    connect(m_signIn, &QPushButton::clicked, this, &SignInDialog::signIn);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SignInDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    setMinimumWidth(460);
    connect(&m_tokens, &sync::TokenStore::saved, this,
            [this](bool ok, const QString &, const QString &error) { tokenSaved(ok, error); });
    retranslateUi();
    (m_url->text().isEmpty()         ? m_url
         : m_email->text().isEmpty() ? m_email
                                     : m_password)
        ->setFocus();
}

SignInDialog::~SignInDialog()
{
    if (QNetworkReply *reply = m_reply.data())
        reply->abort();
}

void SignInDialog::retranslateUi()
{
    setWindowTitle(tr("Connect to Server"));
    m_intro->setText(tr("Sign in to your team's Helpdesk server. This desktop then keeps a copy "
                        "of the team's tickets, works offline and sends your changes when the "
                        "server can be reached."));
    m_urlLabel->setText(tr("&Server address:"));
    m_emailLabel->setText(tr("&Email:"));
    m_passwordLabel->setText(tr("&Password:"));
    m_signIn->setText(busy() ? tr("Signing in…") : tr("&Sign In"));
}

void SignInDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

QString SignInDialog::account(const QUrl &server, const QString &agentUuid)
{
    return server.toString(QUrl::StripTrailingSlash) + QLatin1Char(' ') + agentUuid;
}

QUrl SignInDialog::normalizedUrl(const QString &text)
{
    QString t = text.trimmed();
    if (t.isEmpty())
        return {};
    if (!t.contains(QLatin1String("://")))
        t.prepend(QLatin1String("https://"));
    QUrl url(t, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return {};
    url.setPath(url.path().endsWith(QLatin1Char('/')) ? url.path().chopped(1) : url.path());
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

QNetworkReply *SignInDialog::signOut(QNetworkAccessManager &network, const QUrl &server,
                                     const QString &token)
{
    QUrl url = server;
    url.setPath(server.path() + QStringLiteral("/api/v1/auth/logout"));
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(kSignInTimeoutMs);
    QNetworkReply *reply = network.post(request, QByteArray("{}"));
    QObject::connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
    return reply;
}

QString SignInDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void SignInDialog::showError(const QString &text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void SignInDialog::setBusy(bool on)
{
    for (QWidget *w : {static_cast<QWidget *>(m_url), static_cast<QWidget *>(m_email),
                       static_cast<QWidget *>(m_password), static_cast<QWidget *>(m_signIn)})
        w->setEnabled(!on);
    retranslateUi();
}

void SignInDialog::signIn()
{
    if (busy())
        return;
    const QUrl server = normalizedUrl(m_url->text());
    if (!server.isValid()) {
        showError(tr("“%1” is not a server address. Enter one such as "
                     "https://helpdesk.example.com or http://192.168.0.10:8080.")
                      .arg(m_url->text().trimmed()));
        m_url->setFocus();
        return;
    }
    if (m_email->text().trimmed().isEmpty() || m_password->text().isEmpty()) {
        showError(tr("Enter your email and password."));
        return;
    }
    showError(QString());
    m_server = server;
    QUrl url = server;
    url.setPath(server.path() + QStringLiteral("/api/v1/auth/login"));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(kSignInTimeoutMs);
    const QByteArray body
        = QJsonDocument(QJsonObject{{QStringLiteral("email"), m_email->text().trimmed()},
                                    {QStringLiteral("password"), m_password->text()}})
              .toJson(QJsonDocument::Compact);
    m_reply = m_network->post(request, body);
    connect(m_reply, &QNetworkReply::finished, this, [this, reply = m_reply.data()] {
        reply->deleteLater();
        m_reply.clear();
        answered(reply);
    });
    setBusy(true);
}

void SignInDialog::answered(QNetworkReply *reply)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
    const QString host = m_server.host();
    if (status == 0) { // no HTTP answer at all
        setBusy(false);
        if (reply->error() == QNetworkReply::OperationCanceledError)
            showError(
                tr("%1 did not answer in time. Check the address and your connection.").arg(host));
        else
            showError(tr("Cannot reach %1: %2").arg(host, reply->errorString()));
        return;
    }
    if (status == 401) {
        setBusy(false);
        showError(tr("The email or password is not right."));
        m_password->selectAll();
        m_password->setFocus();
        return;
    }
    if (status == 429) {
        setBusy(false);
        const int wait = reply->rawHeader("Retry-After").toInt();
        showError(wait > 0
                      ? tr("Too many failed sign-ins. Try again in %n second(s).", nullptr, wait)
                      : tr("Too many failed sign-ins. Try again in a minute."));
        return;
    }
    const QString token = json.value(QStringLiteral("token")).toString();
    const QJsonObject agent = json.value(QStringLiteral("agent")).toObject();
    m_agentUuid = agent.value(QStringLiteral("uuid")).toString();
    m_agentName = agent.value(QStringLiteral("name")).toString();
    if (status != 200 || token.isEmpty() || m_agentUuid.isEmpty()) {
        setBusy(false);
        const QString message = json.value(QStringLiteral("error"))
                                    .toObject()
                                    .value(QStringLiteral("message"))
                                    .toString();
        showError(status == 200 ? tr("%1 answered, but not as a Helpdesk server does. Check the "
                                     "address.")
                                      .arg(host)
                                : tr("The server answered %1: %2")
                                      .arg(status)
                                      .arg(message.isEmpty() ? reply->errorString() : message));
        return;
    }
    m_storing = true;
    m_tokens.save(account(m_server, m_agentUuid), token);
}

void SignInDialog::tokenSaved(bool ok, const QString &error)
{
    if (!m_storing)
        return;
    m_storing = false;
    setBusy(false);
    if (!ok) {
        showError(
            tr("Signed in, but the sign-in could not be kept on this computer: %1").arg(error));
        return;
    }
    m_settings.setValue(keys::serverUrl, m_server.toString(QUrl::StripTrailingSlash));
    m_settings.setValue(keys::serverUser, m_email->text().trimmed());
    m_settings.setValue(keys::serverAgentUuid, m_agentUuid);
    m_settings.setValue(keys::serverAgentName, m_agentName);
    m_settings.sync();
    accept();
}

void SignInDialog::reject()
{
    if (QNetworkReply *reply = m_reply.data())
        reply->abort();
    m_storing = false;
    QDialog::reject();
}

} // namespace hd
