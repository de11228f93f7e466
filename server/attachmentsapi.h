// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/storage/attachmentstore.h"
#include "server/router.h"

#include <QCoreApplication>

namespace hd {
class Database;
} // namespace hd

namespace hd::server {

/// The attachment routes (docs/sync.md "Attachments"), agents only: files are named by their
/// SHA-256 and never served to customers here (internal notes have files too).
///
/// - HEAD /api/v1/attachments/{sha256}: 200 with Content-Length when the file is complete, else
///   404 with Upload-Offset (the bytes of an unfinished upload received so far, 0 when none).
/// - PUT /api/v1/attachments/{sha256} with `Content-Range: bytes START-END/TOTAL` and at most
///   kMaxChunkBytes: appended to `root/partial/<sha256>` only when START is the received length
///   (else 409 with Upload-Offset); 202 with Upload-Offset while incomplete; on the last byte the
///   hash is checked (422 and the partial deleted on a mismatch), the file moves into the store
///   and the `attachments` row is written (201). A file the server has answers 200 at once.
/// - GET /api/v1/attachments/{sha256}: the bytes with the media type the server sniffed.
class AttachmentsApi
{
    Q_DECLARE_TR_FUNCTIONS(hd::server::AttachmentsApi)

public:
    static constexpr qint64 kMaxChunkBytes = 512 * 1024;

    /// Files live in an AttachmentStore at `rootDir` with its default size limit.
    AttachmentsApi(Database &db, const QString &rootDir);

    void registerRoutes(Router &router);
    [[nodiscard]] AttachmentStore &store() { return m_store; }
    /// Where an unfinished upload of a valid `sha256` is kept.
    [[nodiscard]] QString partialPath(const QString &sha256) const;

private:
    Response head(const Call &c);
    Response put(const Call &c);
    Response get(const Call &c);
    /// Ensures the attachments row of a stored blob; the size and media type are the server's.
    Result<void> record(const QString &sha256, qint64 size, const QString &mediaType);
    /// record() for a blob already in the store; returns its size.
    Result<qint64> recordStored(const QString &sha256);
    Response withOffset(Response r, qint64 offset) const;

    Database &m_db;
    AttachmentStore m_store;
};

} // namespace hd::server
