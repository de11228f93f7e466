// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/storage/mediatype.h"

#include "core/storage/filenames.h"

#include <QMimeDatabase>

#include <array>

namespace hd {
namespace {

/// What the content alone says.
enum class Kind {
    Empty, ///< nothing to look at: the extension decides
    Specific, ///< a definite format
    Generic, ///< a container or text: a more specific extension type may refine it
    Binary, ///< unknown binary data: an extension claiming text or a signature format lies
};

struct Sniffed
{
    Kind kind;
    QString type;
};

Sniffed specific(const char *type)
{
    return {Kind::Specific, QString::fromLatin1(type)};
}
Sniffed generic(const char *type)
{
    return {Kind::Generic, QString::fromLatin1(type)};
}
Sniffed specific(QString type)
{
    return {Kind::Specific, std::move(type)};
}

/// A byte string literal that may contain NULs (QByteArrayView stops a plain literal at the first).
template<std::size_t N>
constexpr QByteArrayView lit(const char (&s)[N])
{
    return QByteArrayView(s, qsizetype(N - 1));
}

bool startsWith(QByteArrayView head, QByteArrayView magic, qsizetype offset = 0)
{
    return head.size() >= offset + magic.size() && head.sliced(offset, magic.size()) == magic;
}

quint32 byteAt(QByteArrayView head, qsizetype i)
{
    return quint8(head[i]);
}
quint32 le16(QByteArrayView h, qsizetype i)
{
    return byteAt(h, i) | byteAt(h, i + 1) << 8;
}
quint32 le32(QByteArrayView h, qsizetype i)
{
    return le16(h, i) | le16(h, i + 2) << 16;
}
quint32 be32(QByteArrayView h, qsizetype i)
{
    return byteAt(h, i) << 24 | byteAt(h, i + 1) << 16 | byteAt(h, i + 2) << 8 | byteAt(h, i + 3);
}

/// Bytes no text file contains (WHATWG MIME Sniffing, "binary data byte").
bool isBinaryByte(quint8 b)
{
    return b <= 0x08 || b == 0x0b || (b >= 0x0e && b <= 0x1a) || (b >= 0x1c && b <= 0x1f);
}

/// Valid UTF-8 (ASCII included) without binary bytes. A sequence cut by the end of the head is
/// fine: the head is usually a prefix of the file.
bool isUtf8Text(QByteArrayView s)
{
    qsizetype i = 0;
    while (i < s.size()) {
        const quint8 b = quint8(s[i]);
        if (b < 0x80) {
            if (isBinaryByte(b))
                return false;
            ++i;
            continue;
        }
        int extra = 0;
        quint32 min = 0;
        if (b >= 0xc2 && b <= 0xdf) {
            extra = 1;
            min = 0x80;
        } else if (b >= 0xe0 && b <= 0xef) {
            extra = 2;
            min = 0x800;
        } else if (b >= 0xf0 && b <= 0xf4) {
            extra = 3;
            min = 0x10000;
        } else {
            return false;
        }
        quint32 cp = b & (0x3f >> extra);
        for (int k = 1; k <= extra; ++k) {
            if (i + k >= s.size())
                return true; // truncated at the end of the head
            const quint8 c = quint8(s[i + k]);
            if ((c & 0xc0) != 0x80)
                return false;
            cp = cp << 6 | (c & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        i += extra + 1;
    }
    return true;
}

bool isMediaTypeChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '+' || c == '-'
        || c == '/';
}

bool isSpaceByte(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
}

QByteArrayView skipBomAndSpace(QByteArrayView s)
{
    if (s.startsWith("\xef\xbb\xbf"))
        s = s.sliced(3);
    while (!s.isEmpty() && isSpaceByte(s.front()))
        s = s.sliced(1);
    return s;
}

bool startsWithTag(QByteArrayView s, QByteArrayView tag)
{
    if (s.size() <= tag.size() || qstrnicmp(s.data(), tag.data(), tag.size()) != 0)
        return false;
    const char next = s[tag.size()];
    return next == ' ' || next == '>';
}

bool isHtml(QByteArrayView s)
{
    if (s.startsWith("<!--"))
        return true;
    static constexpr std::array kTags{
        "<!doctype html", "<html", "<head",  "<script", "<iframe", "<h1",   "<div", "<font",
        "<table",         "<a",    "<style", "<title",  "<b",      "<body", "<br",  "<p"};
    for (const char *tag : kTags) {
        if (startsWithTag(s, QByteArrayView(tag)))
            return true;
    }
    return false;
}

bool isJson(QByteArrayView s)
{
    if (s.size() < 2 || (s[0] != '{' && s[0] != '['))
        return false;
    const QByteArrayView rest = skipBomAndSpace(s.sliced(1));
    if (rest.isEmpty())
        return false;
    const char c = rest.front();
    if (s[0] == '{')
        return c == '"' || c == '}';
    return c == '{' || c == '[' || c == '"' || c == ']' || c == '-' || (c >= '0' && c <= '9')
        || rest.startsWith("true") || rest.startsWith("false") || rest.startsWith("null");
}

/// A mail saved as .eml: starts with a typical first header and the header block (as far as
/// the head shows it) is made of "Name: value" and continuation lines.
bool isMail(QByteArrayView s)
{
    static constexpr std::array kFirst{
        "received:",     "return-path:", "delivered-to:",   "from:",     "message-id:",
        "mime-version:", "x-received:",  "dkim-signature:", "arc-seal:", "authentication-results:"};
    bool known = false;
    for (const char *h : kFirst) {
        const auto len = qsizetype(qstrlen(h));
        known = known || (s.size() > len && qstrnicmp(s.data(), h, len) == 0);
    }
    if (!known)
        return false;
    qsizetype lineStart = 0;
    while (lineStart < s.size()) {
        qsizetype end = s.indexOf('\n', lineStart);
        if (end < 0)
            break; // last line cut by the head: do not judge it
        const QByteArrayView line = s.sliced(lineStart, end - lineStart);
        if (line.isEmpty() || line == "\r")
            break; // end of the header block
        if (line.contains('\0'))
            return false;
        if (line[0] != ' ' && line[0] != '\t') {
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                return false;
            for (qsizetype i = 0; i < colon; ++i) {
                if (line[i] <= ' ' || line[i] > '~')
                    return false;
            }
        }
        lineStart = end + 1;
    }
    return true;
}

Sniffed sniffZip(QByteArrayView head)
{
    // The "mimetype" entry ODF and EPUB store first and uncompressed.
    if (startsWith(head, "mimetype", 30) && le16(head, 8) == 0) {
        const qsizetype start = 30 + 8 + qsizetype(le16(head, 28));
        qsizetype end = start;
        while (end < head.size() && end - start < 80 && isMediaTypeChar(head[end]))
            ++end;
        const QByteArrayView type
            = head.sliced(std::min(start, head.size()), std::max<qsizetype>(0, end - start));
        if (type.startsWith("application/vnd.oasis.opendocument.")
            || type == "application/epub+zip")
            return specific(QString::fromLatin1(type));
    }
    bool contentTypes = false;
    bool word = false;
    bool xl = false;
    bool ppt = false;
    bool wordDocument = false;
    bool manifest = false;
    bool android = false;
    for (qsizetype at = head.indexOf("PK\x03\x04"); at >= 0 && at + 30 <= head.size();
         at = head.indexOf("PK\x03\x04", at + 4)) {
        const qsizetype length = le16(head, at + 26);
        if (at + 30 + length > head.size())
            break;
        const QByteArrayView name = head.sliced(at + 30, length);
        contentTypes = contentTypes || name == "[Content_Types].xml";
        word = word || name.startsWith("word/");
        wordDocument = wordDocument || name == "word/document.xml";
        xl = xl || name.startsWith("xl/");
        ppt = ppt || name.startsWith("ppt/");
        manifest = manifest || name == "META-INF/MANIFEST.MF";
        android = android || name == "AndroidManifest.xml";
    }
    if ((contentTypes && word) || wordDocument)
        return specific("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    if (contentTypes && xl)
        return specific("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    if (contentTypes && ppt)
        return specific(
            "application/vnd.openxmlformats-officedocument.presentationml.presentation");
    if (android)
        return specific("application/vnd.android.package-archive");
    if (manifest)
        return specific("application/java-archive");
    return generic("application/zip");
}

Sniffed sniffFtyp(QByteArrayView head)
{
    const QByteArrayView brand = head.sliced(8, 4);
    if (brand == "qt  ")
        return specific("video/quicktime");
    if (brand == "M4A " || brand == "M4B ")
        return specific("audio/mp4");
    if (brand == "avif" || brand == "avis")
        return specific("image/avif");
    if (brand == "heic" || brand == "heix" || brand == "heim" || brand == "heis" || brand == "mif1"
        || brand == "msf1")
        return specific("image/heic");
    if (brand.startsWith("3gp"))
        return specific("video/3gpp");
    return specific("video/mp4");
}

bool isMpegAudioFrame(QByteArrayView h)
{
    if (h.size() < 3 || byteAt(h, 0) != 0xff || (byteAt(h, 1) & 0xe0) != 0xe0)
        return false;
    const quint32 version = (byteAt(h, 1) >> 3) & 3;
    const quint32 layer = (byteAt(h, 1) >> 1) & 3;
    const quint32 bitrate = byteAt(h, 2) >> 4;
    const quint32 rate = (byteAt(h, 2) >> 2) & 3;
    return version != 1 && (layer == 1 || layer == 2) && bitrate != 0xf && rate != 3; // III, II
}

Sniffed sniffContent(QByteArrayView head)
{
    if (head.isEmpty())
        return {Kind::Empty, {}};
    // Images
    if (head.startsWith("\x89PNG\r\n\x1a\n"))
        return specific("image/png");
    if (head.startsWith("\xff\xd8\xff"))
        return specific("image/jpeg");
    if (head.startsWith("GIF87a") || head.startsWith("GIF89a"))
        return specific("image/gif");
    if (head.startsWith(lit("II*\0")) || head.startsWith(lit("MM\0*")))
        return specific("image/tiff");
    if (head.startsWith("RIFF") && head.size() >= 12) {
        const QByteArrayView form = head.sliced(8, 4);
        if (form == "WEBP")
            return specific("image/webp");
        if (form == "WAVE")
            return specific("audio/wav");
        if (form == "AVI ")
            return specific("video/x-msvideo");
    }
    if (head.startsWith("BM") && head.size() >= 18 && le32(head, 6) == 0) {
        const quint32 dib = le32(head, 14);
        if (dib == 12 || dib == 40 || dib == 52 || dib == 56 || dib == 64 || dib == 108
            || dib == 124)
            return specific("image/bmp");
    }
    // Documents and archives
    if (head.startsWith("%PDF-"))
        return specific("application/pdf");
    if (head.startsWith("PK\x03\x04"))
        return sniffZip(head);
    if (head.startsWith("PK\x05\x06") || head.startsWith("PK\x07\x08"))
        return generic("application/zip");
    if (head.startsWith("\x1f\x8b\x08"))
        return specific("application/gzip");
    if (head.startsWith("7z\xbc\xaf\x27\x1c"))
        return specific("application/x-7z-compressed");
    if (head.startsWith(lit("Rar!\x1a\x07\x00")) || head.startsWith("Rar!\x1a\x07\x01"))
        return specific("application/vnd.rar");
    if (head.startsWith("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"))
        return generic("application/x-ole-storage"); // .doc, .xls, .msg, .msi
    if (head.startsWith("\xff\xfe") || head.startsWith("\xfe\xff"))
        return generic("text/plain"); // UTF-16 with a byte order mark
    // Audio and video
    if (head.startsWith("ID3") || isMpegAudioFrame(head))
        return specific("audio/mpeg");
    if (head.size() >= 12 && head.sliced(4, 4) == "ftyp")
        return sniffFtyp(head);
    if (head.startsWith("OggS")) {
        if (head.contains("\x80theora"))
            return specific("video/ogg");
        if (head.contains("OpusHead") || head.contains("\x01vorbis") || head.contains("FLAC"))
            return specific("audio/ogg");
        return specific("application/ogg");
    }
    // Executables
    if (head.startsWith("\x7f"
                        "ELF"))
        return specific("application/x-executable");
    if (head.startsWith("\xfe\xed\xfa\xce") || head.startsWith("\xfe\xed\xfa\xcf")
        || head.startsWith("\xce\xfa\xed\xfe") || head.startsWith("\xcf\xfa\xed\xfe"))
        return specific("application/x-mach-binary");
    if ((head.startsWith("\xca\xfe\xba\xbe") || head.startsWith("\xca\xfe\xba\xbf"))
        && head.size() >= 8) // a universal Mach-O binary counts its slices; Java its version
        return specific(be32(head, 4) < 45 ? "application/x-mach-binary" : "application/java-vm");
    if (head.startsWith(lit("L\0\0\0\x01\x14\x02\0")))
        return specific("application/x-ms-shortcut");
    if (head.startsWith("MZ") && !isUtf8Text(head)) // "MZ" alone also starts plain text
        return specific("application/x-msdownload");
    if (head.startsWith("#!"))
        return specific("application/x-shellscript");
    // Text formats
    if (isMail(head))
        return specific("message/rfc822");
    const QByteArrayView text = skipBomAndSpace(head);
    if (isHtml(text))
        return specific("text/html");
    if (text.startsWith("<svg") || (text.startsWith("<?xml") && text.contains("<svg")))
        return specific("image/svg+xml");
    if (text.startsWith("<?xml"))
        return generic("application/xml");
    if (isJson(text))
        return specific("application/json");
    if (isUtf8Text(head))
        return generic("text/plain");
    return {Kind::Binary, {}};
}

/// Types only the content may claim: a name must never turn text into active content.
bool isActiveType(const QMimeType &type)
{
    return type.inherits(QStringLiteral("text/html"))
        || type.inherits(QStringLiteral("application/xhtml+xml"))
        || type.inherits(QStringLiteral("image/svg+xml"));
}

/// Formats every real file starts with a signature we check; a name claiming one of them on
/// content without the signature lies.
bool hasMandatorySignature(const QMimeType &type)
{
    static constexpr std::array kSigned{
        "image/png",          "image/jpeg",      "image/gif",        "image/webp",
        "application/pdf",    "application/zip", "application/gzip", "application/x-7z-compressed",
        "application/vnd.rar"};
    for (const char *name : kSigned) {
        if (type.inherits(QString::fromLatin1(name)))
            return true;
    }
    return false;
}

QString canonical(const QString &name)
{
    const QMimeType type = QMimeDatabase().mimeTypeForName(name);
    return type.isValid() ? type.name() : name;
}

} // namespace

QString sniffMediaType(const QByteArray &head, QStringView fileName)
{
    const QString octetStream = QStringLiteral("application/octet-stream");
    const Sniffed content = sniffContent(head);
    const QMimeDatabase db;
    const QMimeType byName = db.mimeTypesForFileName(sanitizeFileName(fileName)).value(0);
    const bool named = byName.isValid() && !byName.isDefault();

    switch (content.kind) {
    case Kind::Specific:
        return content.type;
    case Kind::Generic:
        if (named && byName.inherits(content.type) && byName.name() != canonical(content.type)
            && !isActiveType(byName))
            return byName.name();
        return content.type;
    case Kind::Binary:
        if (!named || byName.inherits(QStringLiteral("text/plain"))
            || hasMandatorySignature(byName))
            return octetStream;
        return byName.name();
    case Kind::Empty:
        break;
    }
    return named ? byName.name() : octetStream;
}

QStringList blockedMediaTypes()
{
    return {QStringLiteral("application/x-msdownload"),
            QStringLiteral("application/x-dosexec"),
            QStringLiteral("application/x-ms-dos-executable"),
            QStringLiteral("application/x-msdos-program"),
            QStringLiteral("application/vnd.microsoft.portable-executable"),
            QStringLiteral("application/x-executable"),
            QStringLiteral("application/x-sharedlib"),
            QStringLiteral("application/x-mach-binary"),
            QStringLiteral("application/java-archive"),
            QStringLiteral("application/java-vm"),
            QStringLiteral("application/x-msi"),
            QStringLiteral("application/x-ms-installer"),
            QStringLiteral("application/x-ms-shortcut"),
            QStringLiteral("application/x-shellscript"),
            QStringLiteral("application/x-bat"),
            QStringLiteral("application/javascript"),
            QStringLiteral("text/javascript"),
            QStringLiteral("application/hta")};
}

QStringList blockedExtensions()
{
    return {QStringLiteral("exe"),  QStringLiteral("com"),    QStringLiteral("scr"),
            QStringLiteral("pif"),  QStringLiteral("cpl"),    QStringLiteral("dll"),
            QStringLiteral("sys"),  QStringLiteral("msi"),    QStringLiteral("msp"),
            QStringLiteral("bat"),  QStringLiteral("cmd"),    QStringLiteral("ps1"),
            QStringLiteral("psm1"), QStringLiteral("vbs"),    QStringLiteral("vbe"),
            QStringLiteral("js"),   QStringLiteral("jse"),    QStringLiteral("wsf"),
            QStringLiteral("wsh"),  QStringLiteral("hta"),    QStringLiteral("lnk"),
            QStringLiteral("reg"),  QStringLiteral("jar"),    QStringLiteral("app"),
            QStringLiteral("sh"),   QStringLiteral("command")};
}

bool isBlockedType(const QString &mediaType, QStringView fileName)
{
    const QString type = mediaType.section(u';', 0, 0).trimmed().toLower();
    if (!type.isEmpty() && blockedMediaTypes().contains(type))
        return true;
    const QString name = sanitizeFileName(fileName);
    const qsizetype dot = name.lastIndexOf(u'.');
    return dot > 0 && blockedExtensions().contains(name.mid(dot + 1).toLower());
}

} // namespace hd
