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
    {
        // One pass: Qt's UTF-8 decoder is as strict as isValidUtf8() and reports what it met.
        QStringDecoder utf8(QStringConverter::Utf8, QStringConverter::Flag::Stateless);
        QString text = utf8.decode(data);
        if (!utf8.hasError()) {
            setEncoding(QStringLiteral("UTF-8"));
            return text;
        }
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
