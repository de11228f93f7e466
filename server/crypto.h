// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

/// The server's few cryptographic primitives, all from libsodium (no other file includes it).
namespace hd::server::crypto {

/// A crypto_pwhash_str string ("$argon2id$v=19$m=65536,t=2,p=1$...") with the interactive
/// limits; empty when the hash could not be computed (out of memory).
QByteArray hashPassword(const QByteArray &password);
/// Constant time in the password for a given hash; false for malformed hashes.
bool verifyPassword(const QByteArray &hash, const QByteArray &password);
/// True when the hash was made with other parameters than hashPassword()'s current ones.
bool needsRehash(const QByteArray &hash);
/// A hash of a throwaway password, to spend the same time on unknown accounts.
const QByteArray &dummyHash();

/// `bytes` random bytes from the system's CSPRNG, base64url without padding.
QString randomToken(int bytes = 32);
/// BLAKE2b-256 of the token, hex: what the database stores instead of the token.
QString tokenHash(const QString &token);

/// Overwrites a buffer that held a secret.
void wipe(QByteArray &secret);

} // namespace hd::server::crypto
