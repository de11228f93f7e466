// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QCoreApplication>
#include <QObject>

namespace hd::sync {

/// Where the desktop keeps its sign-in token (docs/sync.md): the system keyring through
/// QtKeychain (Secret Service, KWallet, macOS Keychain, Windows Credential Manager) when one
/// answers; otherwise a file in the config folder encrypted with libsodium's crypto_secretbox
/// (XSalsa20-Poly1305) under a random key kept in a separate file, both 0600.
///
/// What the file fallback protects against, honestly: the token file on its own — copied into
/// a backup, a synced config folder, a support bundle or a screen share of the folder, found by
/// grep — gives nothing away. It does NOT protect against anyone or anything that can read
/// both files as this user (malware running as the agent, an administrator, a stolen unlocked
/// disk): the key sits next to the box. Only the keyring does better, which is why it comes
/// first. Signing out revokes the token on the server, which is the real remedy.
///
/// load(), save() and remove() are asynchronous (keyring calls go over D-Bus); each ends with
/// one signal. The file methods are synchronous and small.
class TokenStore : public QObject
{
    Q_OBJECT
public:
    /// configDir holds the fallback files; service names the keyring entries.
    explicit TokenStore(const QString &configDir, QObject *parent = nullptr);

    /// Off: only the file is used (tests; machines where a keyring prompt would hang).
    void setKeychainEnabled(bool on) { m_keychain = on; }

    /// account: one per server and agent, e.g. "https://helpdesk.example.com agent@example.com".
    void load(const QString &account);
    void save(const QString &account, const QString &token);
    void remove(const QString &account);

    /// The file fallback.
    Result<void> saveToFile(const QString &account, const QString &token);
    /// An empty string when there is no file for the account.
    Result<QString> readFromFile(const QString &account);
    void removeFile(const QString &account);
    [[nodiscard]] QString fileFor(const QString &account) const;
    [[nodiscard]] QString keyFile() const;

Q_SIGNALS:
    /// token is empty when none is stored; where is "keychain" or "file".
    void loaded(const QString &token, const QString &where);
    void saved(bool ok, const QString &where, const QString &error);
    void removed();

private:
    Result<QByteArray> key();

    QString m_dir;
    bool m_keychain = true;
};

} // namespace hd::sync
