// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QByteArray>
#include <QIODevice>
#include <QString>
#include <QStringView>

#include <memory>

namespace hd {

/// One attachment as stored: the bytes are identified by their SHA-256; the name and media type
/// belong to this upload (the same bytes may arrive under several names).
struct StoredBlob
{
    QString sha256; ///< 64 lower-case hex digits
    qint64 size = 0; ///< bytes
    QString mediaType; ///< sniffMediaType() of the first bytes and the name
    QString fileName; ///< sanitizeFileName() of the original name
    bool deduplicated = false; ///< the bytes were already stored; nothing was written
};

/// Content-addressed attachment files: `root/ab/cd/abcd…` (64 hex digits, two levels of
/// fan-out), each stored once however often it is added.
///
/// Writes go to a temporary file in `root/tmp` while hashing, are flushed to disk and then
/// renamed into place, so a blob either exists complete or not at all, and no temporary file
/// outlives a failed put(). Stored blobs are never overwritten (except a damaged one whose size
/// is wrong). Hashes from callers are validated before they touch the file system, so none can
/// point outside the root.
///
/// Safe to use from several threads or processes on the same root for put(), open(), verify()
/// and exportTo(); remove() racing with put() of the same bytes may lose that blob (reference
/// counting belongs to the caller, e.g. the database).
class AttachmentStore
{
public:
    static constexpr qint64 kDefaultMaxFileBytes = 25 * 1024 * 1024;

    /// `rootDir` is made absolute and created on the first put(). An empty `rootDir` makes a
    /// store that refuses everything (never the current or the file system's root folder).
    explicit AttachmentStore(QString rootDir, qint64 maxFileBytes = kDefaultMaxFileBytes);

    [[nodiscard]] QString rootDir() const { return m_root; }
    [[nodiscard]] qint64 maxFileBytes() const { return m_maxFileBytes; }

    /// Reads `source` to its end in 64 KiB chunks (opening it read-only if it is closed). Blocks:
    /// a sequential source (socket, process) is waited for up to 30 s per chunk, so call it from
    /// a worker thread for those.
    /// Errors: TooLarge (over maxFileBytes; nothing kept), Storage (reading or writing failed).
    Result<StoredBlob> put(QIODevice &source, QStringView originalName);
    /// Errors: NotFound (no such file), InvalidArgument (a folder), Storage (unreadable), and
    /// those of put(). The stored name is the file's own name.
    Result<StoredBlob> putFile(const QString &path);
    Result<StoredBlob> putBytes(const QByteArray &bytes, QStringView name);

    /// True when `sha256` is valid and its blob exists.
    [[nodiscard]] bool contains(const QString &sha256) const;
    /// Where the blob lives (whether or not it exists); empty unless `sha256` is exactly 64
    /// lower-case hex digits.
    [[nodiscard]] QString pathFor(const QString &sha256) const;
    /// The blob opened read-only, or nullptr when the hash is invalid or the blob missing.
    [[nodiscard]] std::unique_ptr<QIODevice> open(const QString &sha256) const;
    /// Re-hashes the blob. Errors: InvalidArgument, NotFound, Storage (unreadable or damaged).
    Result<void> verify(const QString &sha256) const;
    /// Deletes the blob; the fan-out folders stay (removing them would race with put()).
    /// Errors: InvalidArgument, NotFound, Storage.
    Result<void> remove(const QString &sha256);
    /// Copies the blob into `directory` as sanitizeFileName(suggestedName), or "name (1).ext",
    /// "name (2).ext", ... when taken; never overwrites. The copy is checked against the hash.
    /// Returns the path written. Errors: InvalidArgument, NotFound (blob or folder), Storage.
    Result<QString> exportTo(const QString &sha256, const QString &directory,
                             QStringView suggestedName) const;

    /// Exactly 64 lower-case hex digits.
    [[nodiscard]] static bool isValidSha256(QStringView sha256);

private:
    QString m_root;
    qint64 m_maxFileBytes;
};

} // namespace hd
