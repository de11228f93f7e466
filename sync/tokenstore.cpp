// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/tokenstore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <qt6keychain/keychain.h>

#include <sodium.h>

namespace hd::sync {

namespace {
const QString kService = QStringLiteral("Helpdesk");
constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

Error storageError(const QString &what, const QString &why)
{
    return Error{ErrorCode::Storage, QStringLiteral("%1: %2").arg(what, why)};
}

Result<void> writePrivate(const QString &path, const QByteArray &data)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return storageError(path, f.errorString());
    f.setPermissions(kOwnerOnly); // before a byte is written
    f.write(data);
    if (!f.commit())
        return storageError(path, f.errorString());
    return {};
}
} // namespace

TokenStore::TokenStore(const QString &configDir, QObject *parent)
    : QObject(parent)
    , m_dir(configDir)
{ }

QString TokenStore::keyFile() const
{
    return QDir(m_dir).filePath(QStringLiteral("token.key"));
}

QString TokenStore::fileFor(const QString &account) const
{
    const QByteArray h = QCryptographicHash::hash(account.toUtf8(), QCryptographicHash::Sha256);
    return QDir(m_dir).filePath(
        QStringLiteral("token-%1.box").arg(QString::fromLatin1(h.toHex().left(16))));
}

Result<QByteArray> TokenStore::key()
{
    if (sodium_init() < 0)
        return Error{ErrorCode::Internal, QStringLiteral("libsodium did not initialise")};
    QFile f(keyFile());
    if (f.open(QIODevice::ReadOnly)) {
        const QByteArray k = f.readAll();
        if (k.size() == int(crypto_secretbox_KEYBYTES))
            return k;
    }
    if (!QDir().mkpath(m_dir))
        return storageError(m_dir, QStringLiteral("cannot create the folder"));
    QByteArray k(int(crypto_secretbox_KEYBYTES), Qt::Uninitialized);
    crypto_secretbox_keygen(reinterpret_cast<unsigned char *>(k.data()));
    if (auto w = writePrivate(keyFile(), k); !w)
        return w.error();
    return k;
}

Result<void> TokenStore::saveToFile(const QString &account, const QString &token)
{
    auto k = key();
    if (!k)
        return k.error();
    const QByteArray plain = token.toUtf8();
    QByteArray box(int(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) + plain.size(),
                   Qt::Uninitialized);
    auto *nonce = reinterpret_cast<unsigned char *>(box.data());
    randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES,
                          reinterpret_cast<const unsigned char *>(plain.constData()),
                          quint64(plain.size()), nonce,
                          reinterpret_cast<const unsigned char *>(k->constData()));
    return writePrivate(fileFor(account), box);
}

Result<QString> TokenStore::readFromFile(const QString &account)
{
    QFile f(fileFor(account));
    if (!f.exists())
        return QString();
    if (!f.open(QIODevice::ReadOnly))
        return storageError(f.fileName(), f.errorString());
    const QByteArray box = f.readAll();
    auto k = key();
    if (!k)
        return k.error();
    const int overhead = int(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES);
    if (box.size() < overhead)
        return storageError(f.fileName(), QStringLiteral("too short"));
    QByteArray plain(box.size() - overhead, Qt::Uninitialized);
    const auto *nonce = reinterpret_cast<const unsigned char *>(box.constData());
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char *>(plain.data()),
                                   nonce + crypto_secretbox_NONCEBYTES,
                                   quint64(box.size()) - crypto_secretbox_NONCEBYTES, nonce,
                                   reinterpret_cast<const unsigned char *>(k->constData()))
        != 0)
        return storageError(f.fileName(), QStringLiteral("does not open with the key"));
    return QString::fromUtf8(plain);
}

void TokenStore::removeFile(const QString &account)
{
    QFile::remove(fileFor(account));
}

void TokenStore::load(const QString &account)
{
    const auto fromFile = [this, account] {
        auto t = readFromFile(account);
        Q_EMIT loaded(t ? *t : QString(), QStringLiteral("file"));
    };
    if (!m_keychain) {
        fromFile();
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(kService, this);
    job->setKey(account);
    connect(job, &QKeychain::Job::finished, this, [this, job, fromFile] {
        if (job->error() == QKeychain::NoError && !job->textData().isEmpty())
            Q_EMIT loaded(job->textData(), QStringLiteral("keychain"));
        else
            fromFile(); // no keyring, or the token was kept in the file
    });
    job->start();
}

void TokenStore::save(const QString &account, const QString &token)
{
    const auto toFile = [this, account, token](const QString &keychainError) {
        auto w = saveToFile(account, token);
        Q_EMIT saved(bool(w), QStringLiteral("file"), w ? keychainError : w.errorMessage());
    };
    if (!m_keychain) {
        toFile(QString());
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(kService, this);
    job->setKey(account);
    job->setTextData(token);
    connect(job, &QKeychain::Job::finished, this, [this, job, account, toFile] {
        if (job->error() == QKeychain::NoError) {
            removeFile(account); // an older copy from a time without keyring
            Q_EMIT saved(true, QStringLiteral("keychain"), QString());
        } else {
            toFile(job->errorString());
        }
    });
    job->start();
}

void TokenStore::remove(const QString &account)
{
    removeFile(account);
    if (!m_keychain) {
        Q_EMIT removed();
        return;
    }
    auto *job = new QKeychain::DeletePasswordJob(kService, this);
    job->setKey(account);
    connect(job, &QKeychain::Job::finished, this, [this] { Q_EMIT removed(); });
    job->start();
}

} // namespace hd::sync
