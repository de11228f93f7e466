// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/storage/filenames.h"

#include <QCoreApplication>
#include <QTextBoundaryFinder>

#include <array>

namespace hd {
namespace {

/// Extensions longer than this are treated as part of the name when shortening.
constexpr qsizetype kMaxKeptExtensionBytes = 32;

bool isWindowsForbidden(char16_t c)
{
    switch (c) {
    case u'<':
    case u'>':
    case u':':
    case u'"':
    case u'/':
    case u'\\':
    case u'|':
    case u'?':
    case u'*':
        return true;
    default:
        return false;
    }
}

bool isControl(char16_t c)
{
    return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

/// Invisible characters that reorder what the user sees ("gpj.exe" shown as "exe.jpg").
bool isBidiControl(char16_t c)
{
    return c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069);
}

bool isTrimmed(QChar c)
{
    return c == u'.' || c.isSpace();
}

QString trimDotsAndSpaces(QStringView s)
{
    qsizetype begin = 0;
    qsizetype end = s.size();
    while (begin < end && isTrimmed(s[begin]))
        ++begin;
    while (end > begin && isTrimmed(s[end - 1]))
        --end;
    return s.mid(begin, end - begin).toString();
}

QString trimTrailingDotsAndSpaces(QString s)
{
    qsizetype end = s.size();
    while (end > 0 && isTrimmed(s[end - 1]))
        --end;
    s.truncate(end);
    return s;
}

qsizetype utf8Length(QStringView s)
{
    qsizetype bytes = 0;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char16_t c = s[i].unicode();
        if (c < 0x80)
            bytes += 1;
        else if (c < 0x800)
            bytes += 2;
        else if (QChar::isHighSurrogate(c) && i + 1 < s.size() && s[i + 1].isLowSurrogate()) {
            bytes += 4;
            ++i;
        } else {
            bytes += 3; // BMP, or an unpaired surrogate (encoded as U+FFFD)
        }
    }
    return bytes;
}

/// The longest prefix of `s` of at most `maxBytes` UTF-8 bytes that ends on a grapheme boundary
/// (falling back to a code point boundary if a single grapheme is too long).
QString truncateUtf8(const QString &s, qsizetype maxBytes)
{
    if (utf8Length(s) <= maxBytes)
        return s;
    qsizetype keep = 0;
    qsizetype bytes = 0;
    QTextBoundaryFinder graphemes(QTextBoundaryFinder::Grapheme, s);
    for (qsizetype next = graphemes.toNextBoundary(); next > 0; next = graphemes.toNextBoundary()) {
        bytes += utf8Length(QStringView(s).mid(keep, next - keep));
        if (bytes > maxBytes)
            break;
        keep = next;
    }
    if (keep == 0) { // one enormous grapheme: cut between code points instead
        bytes = 0;
        for (qsizetype i = 0; i < s.size();) {
            const qsizetype len = (s[i].isHighSurrogate() && i + 1 < s.size()) ? 2 : 1;
            bytes += utf8Length(QStringView(s).mid(i, len));
            if (bytes > maxBytes)
                break;
            i += len;
            keep = i;
        }
    }
    return s.left(keep);
}

/// Shortens to kMaxFileNameBytes, keeping a reasonable extension; `insert` goes before it.
QString limitLength(const QString &s, QStringView insert = {})
{
    QStringView ext = fileExtension(s);
    if (utf8Length(ext) > kMaxKeptExtensionBytes)
        ext = {};
    QString stem = s.left(s.size() - ext.size());
    const qsizetype budget = kMaxFileNameBytes - utf8Length(ext) - utf8Length(insert);
    if (utf8Length(stem) > budget)
        stem = trimTrailingDotsAndSpaces(truncateUtf8(stem, budget));
    return stem % insert % ext;
}

QString removeForbidden(QStringView s)
{
    QString out;
    out.reserve(s.size());
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s[i];
        if (c.isHighSurrogate() && i + 1 < s.size() && s[i + 1].isLowSurrogate()) {
            out.append(c);
            out.append(s[++i]);
        } else if (!c.isSurrogate() && !isControl(c.unicode()) && !isBidiControl(c.unicode())
                   && !isWindowsForbidden(c.unicode())) {
            out.append(c);
        }
    }
    return out;
}

/// How a hostile character is shown inside a message: visible, never raw.
QString displayName(QStringView name)
{
    constexpr qsizetype kShown = 60;
    QString out;
    for (qsizetype i = 0; i < name.size() && i < kShown; ++i) {
        const char16_t c = name[i].unicode();
        if (isControl(c) || isBidiControl(c) || QChar::isSurrogate(c))
            out += QStringLiteral("\\u%1").arg(QString::number(c, 16).toUpper(), 4,
                                               QLatin1Char('0'));
        else
            out += name[i];
    }
    if (name.size() > kShown)
        out += QChar(0x2026);
    return out;
}

QString codePoint(char16_t c)
{
    return QStringLiteral("U+%1").arg(uint(c), 4, 16, QLatin1Char('0')).toUpper();
}

Result<QString> invalid(QString message)
{
    return Result<QString>::failure(ErrorCode::InvalidArgument, std::move(message));
}

} // namespace

bool isReservedDeviceName(QStringView name)
{
    static constexpr std::array kReserved{
        u"CON",  u"PRN",  u"AUX",  u"NUL",  u"COM0", u"COM1", u"COM2",   u"COM3",
        u"COM4", u"COM5", u"COM6", u"COM7", u"COM8", u"COM9", u"COM¹",   u"COM²",
        u"COM³", u"LPT0", u"LPT1", u"LPT2", u"LPT3", u"LPT4", u"LPT5",   u"LPT6",
        u"LPT7", u"LPT8", u"LPT9", u"LPT¹", u"LPT²", u"LPT³", u"CONIN$", u"CONOUT$"};
    QStringView base = name;
    if (const qsizetype dot = base.indexOf(u'.'); dot >= 0)
        base = base.left(dot);
    while (!base.isEmpty() && base.back().isSpace()) // Windows ignores "CON .txt"'s space too
        base.chop(1);
    for (const char16_t *reserved : kReserved) {
        if (base.compare(QStringView(reserved), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QStringView fileExtension(QStringView name)
{
    const qsizetype dot = name.lastIndexOf(u'.');
    if (dot <= 0 || dot == name.size() - 1)
        return {};
    const QStringView ext = name.mid(dot);
    for (const QChar c : ext) {
        if (c.isSpace())
            return {};
    }
    const QStringView stem = name.left(dot);
    if (stem.size() > 4 && stem.endsWith(u".tar", Qt::CaseInsensitive))
        return name.mid(dot - 4);
    return ext;
}

QString sanitizeFileName(QStringView name)
{
    const qsizetype separator = std::max(name.lastIndexOf(u'/'), name.lastIndexOf(u'\\'));
    const QString cleaned = removeForbidden(name.mid(separator + 1));
    QString result
        = limitLength(trimDotsAndSpaces(cleaned.normalized(QString::NormalizationForm_C)));
    if (result.isEmpty())
        return QStringLiteral("attachment");
    if (isReservedDeviceName(result))
        result = limitLength(u'_' + result);
    return result;
}

Result<QString> validateFileName(QStringView name)
{
    const QString shown = displayName(name);
    if (name.isEmpty())
        return invalid(
            QCoreApplication::translate("hd::AttachmentStore", "The file name is empty."));
    if (name == u"." || name == u"..")
        return invalid(QCoreApplication::translate("hd::AttachmentStore",
                                                   "The file name '%1' refers to a folder.")
                           .arg(shown));
    for (qsizetype i = 0; i < name.size(); ++i) {
        const char16_t c = name[i].unicode();
        if (c == u'/' || c == u'\\')
            return invalid(
                QCoreApplication::translate("hd::AttachmentStore",
                                            "The file name '%1' contains a path separator ('%2').")
                    .arg(shown, QChar(c)));
        if (c == 0)
            return invalid(
                QCoreApplication::translate("hd::AttachmentStore",
                                            "The file name '%1' contains a NUL character.")
                    .arg(shown));
        if (isControl(c))
            return invalid(
                QCoreApplication::translate("hd::AttachmentStore",
                                            "The file name '%1' contains the control character %2.")
                    .arg(shown, codePoint(c)));
        if (isBidiControl(c))
            return invalid(QCoreApplication::translate(
                               "hd::AttachmentStore",
                               "The file name '%1' contains the invisible direction character %2.")
                               .arg(shown, codePoint(c)));
        if (isWindowsForbidden(c))
            return invalid(QCoreApplication::translate(
                               "hd::AttachmentStore",
                               "The file name '%1' contains '%2', which Windows does not allow.")
                               .arg(shown, QChar(c)));
        if (QChar::isHighSurrogate(c) && i + 1 < name.size() && name[i + 1].isLowSurrogate())
            ++i;
        else if (QChar::isSurrogate(c))
            return invalid(QCoreApplication::translate("hd::AttachmentStore",
                                                       "The file name '%1' is not valid Unicode.")
                               .arg(shown));
    }
    const QString nfc = name.toString().normalized(QString::NormalizationForm_C);
    if (isTrimmed(nfc.front()) || isTrimmed(nfc.back()))
        return invalid(
            QCoreApplication::translate("hd::AttachmentStore",
                                        "The file name '%1' starts or ends with a dot or a space.")
                .arg(shown));
    if (const qsizetype bytes = utf8Length(nfc); bytes > kMaxFileNameBytes)
        return invalid(QCoreApplication::translate(
                           "hd::AttachmentStore",
                           "The file name '%1' is %2 bytes long in UTF-8; the limit is %3 bytes.")
                           .arg(shown)
                           .arg(bytes)
                           .arg(kMaxFileNameBytes));
    if (isReservedDeviceName(nfc))
        return invalid(
            QCoreApplication::translate("hd::AttachmentStore",
                                        "The file name '%1' is a device name reserved by Windows.")
                .arg(shown));
    return nfc;
}

QString numberedFileName(QStringView name, int n)
{
    if (n <= 0)
        return name.toString();
    const QString suffix = QStringLiteral(" (%1)").arg(n);
    QString result = limitLength(name.toString(), suffix);
    return result.startsWith(suffix) ? QStringLiteral("attachment") % suffix : result;
}

} // namespace hd
