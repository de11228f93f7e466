// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QString>
#include <QStringView>

namespace hd {

/// The longest file name we produce or accept, in UTF-8 bytes (ext4, APFS, NTFS all allow 255
/// units of some kind; 255 bytes is the strictest, and Korean takes 3 bytes per syllable).
inline constexpr qsizetype kMaxFileNameBytes = 255;

/// Turns a name that came from outside (a mail, an upload, a peer) into a safe file name:
/// - keeps only the part after the last '/' or '\';
/// - NFC-normalises (macOS hands out NFD Hangul);
/// - removes NUL and control characters (U+0000–U+001F, U+007F–U+009F), characters Windows
///   refuses (< > : " / \ | ? *), bidirectional overrides and marks (U+200E, U+200F,
///   U+202A–U+202E, U+2066–U+2069: "invoice\u202Efdp.exe" hides an .exe) and unpaired
///   surrogates;
/// - trims leading and trailing white space and dots;
/// - shortens to kMaxFileNameBytes UTF-8 bytes, keeping the extension (up to 32 bytes) and never
///   cutting a character or a grapheme (a syllable and its combining marks);
/// - prefixes '_' to Windows device names (CON, PRN, AUX, NUL, COM0–9, LPT0–9, COM¹²³, LPT¹²³,
///   CONIN$, CONOUT$), also with an extension ("con.txt") and in any case;
/// - returns "attachment" when nothing is left ("", ".", "..", "///").
/// The result is a fixed point: sanitizeFileName(sanitizeFileName(x)) == sanitizeFileName(x),
/// and validateFileName() accepts it.
QString sanitizeFileName(QStringView name);

/// Refuses, instead of repairing, any name sanitizeFileName() would change other than by
/// NFC-normalising it: empty, ".", "..", path separators, NUL, control and invisible
/// direction characters, characters Windows refuses, leading or trailing dots or spaces, Windows
/// device names, names over kMaxFileNameBytes UTF-8 bytes. The error (InvalidArgument) names the
/// reason; on success the value is the NFC form of the name.
Result<QString> validateFileName(QStringView name);

/// True for Windows device names, with or without extension, in any case ("nul", "Com1.log").
bool isReservedDeviceName(QStringView name);

/// The extension of a file name including its dot (".pdf", ".tar.gz"), or empty. Only the last
/// suffix counts, except for ".tar.*"; a name starting with its only dot has none.
QStringView fileExtension(QStringView name);

/// `name` with " (n)" before its extension ("report (2).pdf"), still at most kMaxFileNameBytes
/// bytes. For n <= 0 returns the name unchanged. Expects a sanitized name.
QString numberedFileName(QStringView name, int n);

} // namespace hd
