// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace hd::chat {

/// Decodes bytes from an export: UTF-8 (BOM or not), UTF-16 LE/BE with BOM, else CP949/EUC-KR when
/// the bytes are not valid UTF-8. Sets *encoding to "UTF-8", "UTF-16LE", "UTF-16BE", "CP949" or
/// "EUC-KR". When the bytes are not UTF-8 and no Korean codec is available (Qt without ICU), the
/// bytes are decoded as UTF-8 with replacement characters and *encoding is set to "" (unknown), so
/// callers can name the problem. A BOM is never part of the returned text.
QString decodeText(const QByteArray &data, QString *encoding = nullptr);

/// True when the Korean legacy codec (CP949, or EUC-KR as a fallback) can be used.
bool hasKoreanCodec();

} // namespace hd::chat
