// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/channels/textdecode.h"

#include <QStringDecoder>

namespace hd::chat {

namespace {

bool startsWith(const QByteArray &data, std::initializer_list<unsigned char> bytes)
{
    if (data.size() < qsizetype(bytes.size()))
        return false;
    qsizetype i = 0;
    for (const unsigned char b : bytes) {
        if (static_cast<unsigned char>(data.at(i++)) != b)
            return false;
    }
    return true;
}

// Strict UTF-8 validation (no overlongs, no surrogates, nothing above U+10FFFF), linear.
bool isValidUtf8(const QByteArray &data)
{
    const auto *p = reinterpret_cast<const unsigned char *>(data.constData());
    const qsizetype n = data.size();
    qsizetype i = 0;
    while (i < n) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int extra = 0;
        unsigned char lo = 0x80;
        unsigned char hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            extra = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            extra = 2;
            if (c == 0xE0)
                lo = 0xA0;
            else if (c == 0xED)
                hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            extra = 3;
            if (c == 0xF0)
                lo = 0x90;
            else if (c == 0xF4)
                hi = 0x8F;
        } else {
            return false;
        }
        if (i + extra >= n)
            return false;
        if (p[i + 1] < lo || p[i + 1] > hi)
            return false;
        for (int k = 2; k <= extra; ++k) {
            if (p[i + k] < 0x80 || p[i + k] > 0xBF)
                return false;
        }
        i += extra + 1;
    }
    return true;
}

} // namespace

bool hasKoreanCodec()
{
    return QStringDecoder("CP949").isValid() || QStringDecoder("EUC-KR").isValid();
}

QString decodeText(const QByteArray &data, QString *encoding)
{
    auto setEncoding = [encoding](const QString &name) {
        if (encoding)
            *encoding = name;
    };
    if (startsWith(data, {0xEF, 0xBB, 0xBF})) {
        setEncoding(QStringLiteral("UTF-8"));
        return QString::fromUtf8(QByteArrayView(data).sliced(3));
    }
    if (startsWith(data, {0xFF, 0xFE})) {
        setEncoding(QStringLiteral("UTF-16LE"));
        QStringDecoder decoder(QStringConverter::Utf16LE);
        return decoder.decode(QByteArrayView(data).sliced(2));
    }
    if (startsWith(data, {0xFE, 0xFF})) {
        setEncoding(QStringLiteral("UTF-16BE"));
        QStringDecoder decoder(QStringConverter::Utf16BE);
        return decoder.decode(QByteArrayView(data).sliced(2));
    }
    if (isValidUtf8(data)) {
        setEncoding(QStringLiteral("UTF-8"));
        return QString::fromUtf8(data);
    }
    for (const char *name : {"CP949", "EUC-KR"}) {
        QStringDecoder decoder(name);
        if (decoder.isValid()) {
            setEncoding(QString::fromLatin1(name));
            return decoder.decode(data);
        }
    }
    setEncoding(QString());
    return QString::fromUtf8(data);
}

} // namespace hd::chat
