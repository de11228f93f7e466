// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/crypto.h"

#include <cstdlib>
#include <sodium.h>

namespace hd::server::crypto {

namespace {
void ensureInit()
{
    static const bool ready = [] {
        if (sodium_init() < 0)
            std::abort(); // no CSPRNG: nothing secure can be done
        return true;
    }();
    (void)ready;
}
} // namespace

QByteArray hashPassword(const QByteArray &password)
{
    ensureInit();
    QByteArray out(crypto_pwhash_STRBYTES, '\0');
    if (crypto_pwhash_str(out.data(), password.constData(),
                          static_cast<unsigned long long>(password.size()),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE)
        != 0)
        return {};
    out.truncate(qsizetype(qstrnlen(out.constData(), size_t(out.size()))));
    return out;
}

bool verifyPassword(const QByteArray &hash, const QByteArray &password)
{
    ensureInit();
    if (hash.isEmpty() || hash.size() >= crypto_pwhash_STRBYTES)
        return false;
    const QByteArray z = hash + '\0'; // crypto_pwhash_str_verify reads a C string
    return crypto_pwhash_str_verify(z.constData(), password.constData(),
                                    static_cast<unsigned long long>(password.size()))
        == 0;
}

bool needsRehash(const QByteArray &hash)
{
    ensureInit();
    if (hash.isEmpty() || hash.size() >= crypto_pwhash_STRBYTES)
        return true;
    const QByteArray z = hash + '\0';
    return crypto_pwhash_str_needs_rehash(z.constData(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                          crypto_pwhash_MEMLIMIT_INTERACTIVE)
        != 0;
}

const QByteArray &dummyHash()
{
    static const QByteArray h = hashPassword(randomToken(16).toLatin1());
    return h;
}

QString randomToken(int bytes)
{
    ensureInit();
    QByteArray raw(bytes, '\0');
    randombytes_buf(raw.data(), size_t(raw.size()));
    const QString out = QString::fromLatin1(
        raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    wipe(raw);
    return out;
}

QString tokenHash(const QString &token)
{
    ensureInit();
    const QByteArray in = token.toUtf8();
    unsigned char digest[crypto_generichash_BYTES];
    crypto_generichash(digest, sizeof digest,
                       reinterpret_cast<const unsigned char *>(in.constData()),
                       static_cast<unsigned long long>(in.size()), nullptr, 0);
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(digest), sizeof digest).toHex());
}

void wipe(QByteArray &secret)
{
    if (!secret.isEmpty())
        sodium_memzero(secret.data(), size_t(secret.size()));
    secret.clear();
}

} // namespace hd::server::crypto
