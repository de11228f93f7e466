// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace hd {

/// How many leading bytes sniffMediaType() looks at; enough to see the first entries of an
/// Office (OOXML) ZIP. Callers may pass fewer (the whole file if it is shorter) or more.
inline constexpr qsizetype kSniffBytes = 8192;

/// The media type of a file from its first bytes (`head`), then its name.
///
/// 1. Content: PNG, JPEG, GIF, WebP, BMP, PDF, ZIP (docx/xlsx/pptx when [Content_Types].xml and
///    word/, xl/ or ppt/ entries are visible; ODF/EPUB by their "mimetype" entry; jar by
///    META-INF/), gzip, 7z, RAR, OLE2, MP3/ID3, MP4/QuickTime/HEIC/AVIF (ftyp), OGG, WAV, AVI,
///    executables (PE "MZ", ELF, Mach-O, Java class), shebang scripts, mail headers
///    (message/rfc822), HTML, SVG, XML, JSON, UTF-16 text (BOM) and UTF-8/ASCII text.
/// 2. When the content gives only a generic type (ZIP, OLE2, XML, text), an extension whose type
///    is a subtype of it refines it (.docx ZIP, .doc OLE2, .csv text) — never to HTML, XHTML or
///    SVG, which only the content may claim.
/// 3. Otherwise the extension (QMimeDatabase), unless it contradicts the content: binary data
///    named .txt, or a name claiming a format with a mandatory signature (.png, .pdf, .zip, ...)
///    the head does not carry. Content always wins over a lying extension.
/// 4. application/octet-stream.
/// An empty head counts as "no content information" (the extension decides).
QString sniffMediaType(const QByteArray &head, QStringView fileName);

/// True for content or names that run code when opened on a desktop: the media types
/// blockedMediaTypes() and the extensions blockedExtensions(), checked on the sanitized name so
/// "setup.exe." or "setup.EXE" count too.
bool isBlockedType(const QString &mediaType, QStringView fileName);

/// Executable and script media types: application/x-msdownload, application/x-dosexec,
/// application/vnd.microsoft.portable-executable, application/x-executable,
/// application/x-sharedlib, application/x-mach-binary, application/java-archive,
/// application/java-vm, application/x-msi, application/x-ms-shortcut,
/// application/x-shellscript, application/x-bat, application/javascript, text/javascript,
/// application/x-ms-installer, application/hta.
QStringList blockedMediaTypes();

/// Lower-case extensions without the dot: exe com scr pif cpl dll sys msi msp bat cmd ps1 psm1
/// vbs vbe js jse wsf wsh hta lnk reg jar app sh command.
QStringList blockedExtensions();

} // namespace hd
