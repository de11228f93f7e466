// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/attachmentsapi.h"

#include "core/base/logging.h"
#include "core/storage/database.h"
#include "core/storage/mediatype.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QRegularExpression>

namespace hd::server {

namespace {

struct ContentRange
{
    qint64 start = 0;
    qint64 end = -1; ///< inclusive; -1 for an empty file ("bytes */0")
    qint64 total = 0;
};

/// `bytes START-END/TOTAL` with END < TOTAL, or `bytes */0` for an empty file.
std::optional<ContentRange> parseRange(const QByteArray &header)
{
    const QString text = QString::fromLatin1(header.trimmed());
    if (text == QLatin1String("bytes */0"))
        return ContentRange{0, -1, 0};
    static const QRegularExpression re(
        QStringLiteral("^bytes ([0-9]{1,15})-([0-9]{1,15})/([0-9]{1,15})$"));
    const auto m = re.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    ContentRange r{m.captured(1).toLongLong(), m.captured(2).toLongLong(),
                   m.captured(3).toLongLong()};
    if (r.end < r.start || r.end >= r.total)
        return std::nullopt;
    return r;
}

QJsonObject sizeJson(const QString &sha256, qint64 size)
{
    return QJsonObject{{QStringLiteral("sha256"), sha256}, {QStringLiteral("size"), size}};
}

} // namespace

AttachmentsApi::AttachmentsApi(Database &db, const QString &rootDir)
    : m_db(db)
    , m_store(rootDir)
{ }

void AttachmentsApi::registerRoutes(Router &router)
{
    const QString path = QStringLiteral("/api/v1/attachments/{sha256}");
    router.add({"HEAD", path, Access::Agent, false, [this](const Call &c) {
                    return head(c);
                }});
    router.add({"PUT", path, Access::Agent, false, [this](const Call &c) {
                    return put(c);
                }});
    router.add({"GET", path, Access::Agent, false, [this](const Call &c) {
                    return get(c);
                }});
}

QString AttachmentsApi::partialPath(const QString &sha256) const
{
    if (!AttachmentStore::isValidSha256(sha256) || m_store.rootDir().isEmpty())
        return {};
    return m_store.rootDir() + QStringLiteral("/partial/") + sha256;
}

Response AttachmentsApi::withOffset(Response r, qint64 offset) const
{
    r.headers.append(qMakePair(QByteArray("Upload-Offset"), QByteArray::number(offset)));
    return r;
}

Result<void> AttachmentsApi::record(const QString &sha256, qint64 size, const QString &mediaType)
{
    auto q = m_db.exec(QStringLiteral("INSERT OR IGNORE INTO attachments(sha256, size, media_type) "
                                      "VALUES (?,?,?)"),
                       {sha256, size, mediaType});
    if (!q)
        return q.error();
    return {};
}

Result<qint64> AttachmentsApi::recordStored(const QString &sha256)
{
    QFile blob(m_store.pathFor(sha256));
    if (!blob.open(QIODevice::ReadOnly))
        return Error{ErrorCode::Storage, blob.errorString()};
    const qint64 size = blob.size();
    if (auto r = record(sha256, size, sniffMediaType(blob.read(kSniffBytes), {})); !r)
        return r.error();
    return size;
}

Response AttachmentsApi::head(const Call &c)
{
    const QString sha = c.params.value(0);
    if (!AttachmentStore::isValidSha256(sha))
        return Response{400, "application/json", {}, {}};
    if (m_store.contains(sha)) {
        // A blob without its row (stored by other means) is recorded now: a 200 here tells the
        // client it may push messages naming the file.
        auto size = recordStored(sha);
        if (!size)
            return Router::errorResponse(size.error());
        return Response{200,
                        "application/octet-stream",
                        {},
                        {qMakePair(QByteArray("Content-Length"), QByteArray::number(*size))}};
    }
    const QFileInfo partial(partialPath(sha));
    return withOffset(Response{404, "application/json", {}, {}},
                      partial.isFile() ? partial.size() : 0);
}

Response AttachmentsApi::put(const Call &c)
{
    const QString sha = c.params.value(0);
    if (!AttachmentStore::isValidSha256(sha))
        return Router::badRequest(
            tr("An attachment is named by its SHA-256: 64 lower-case hexadecimal digits."));
    if (m_store.contains(sha)) {
        // Never stored twice: the upload is over before it began.
        auto size = recordStored(sha);
        if (!size)
            return Router::errorResponse(size.error());
        return Response::json(QJsonDocument(sizeJson(sha, *size)), 200);
    }
    const auto range = parseRange(c.request.header("Content-Range"));
    if (!range)
        return Router::badRequest(
            tr("Send Content-Range: bytes START-END/TOTAL (END below TOTAL) with the chunk."));
    if (range->total > m_store.maxFileBytes())
        return Response::error(
            413, QStringLiteral("too_large"),
            tr("The attachment is larger than the limit of %1 bytes.").arg(m_store.maxFileBytes()));
    const qint64 length = range->end - range->start + 1;
    if (c.request.body.size() > kMaxChunkBytes)
        return Response::error(413, QStringLiteral("too_large"),
                               tr("A chunk may hold at most %1 bytes.").arg(kMaxChunkBytes));
    if (c.request.body.size() != length)
        return Router::badRequest(tr("The body has %1 bytes; Content-Range announces %2.")
                                      .arg(c.request.body.size())
                                      .arg(length));

    const QString path = partialPath(sha);
    if (path.isEmpty() || !QDir().mkpath(QFileInfo(path).path()))
        return Router::errorResponse(
            Error{ErrorCode::Storage, QStringLiteral("cannot create the partial folder")});
    QFile partial(path);
    const qint64 received = partial.exists() ? partial.size() : 0;
    if (range->start != received || received > range->total)
        return withOffset(Response::error(409, QStringLiteral("conflict"),
                                          tr("This upload continues at byte %1.").arg(received)),
                          received);
    if (!partial.open(QIODevice::WriteOnly | QIODevice::Append)
        || partial.write(c.request.body) != c.request.body.size() || !partial.flush())
        return Router::errorResponse(Error{ErrorCode::Storage, partial.errorString()});
    partial.close();
    const qint64 now = received + length;
    if (now < range->total)
        return withOffset(
            Response::json(QJsonDocument(QJsonObject{{QStringLiteral("received"), now}}), 202),
            now);

    // The last byte: the whole file must have the hash it is uploaded under.
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!partial.open(QIODevice::ReadOnly) || !hash.addData(&partial))
        return Router::errorResponse(Error{ErrorCode::Storage, partial.errorString()});
    partial.seek(0);
    if (QString::fromLatin1(hash.result().toHex()) != sha) {
        partial.close();
        QFile::remove(path);
        return Response::error(422, QStringLiteral("checksum_mismatch"),
                               tr("The uploaded bytes do not have the SHA-256 %1; nothing was "
                                  "kept.")
                                   .arg(sha));
    }
    // The store hashes, sniffs the media type from the content (no name: nothing the client
    // says about the file is trusted) and renames into place atomically.
    auto blob = m_store.put(partial, {});
    partial.close();
    QFile::remove(path);
    if (!blob)
        return Router::errorResponse(blob.error());
    if (blob->sha256 != sha) { // changed on disk between the two reads
        qCWarning(lcServer) << "partial upload changed while stored" << sha;
        return Router::errorResponse(Error{ErrorCode::Storage, QStringLiteral("hash changed")});
    }
    if (auto r = record(sha, blob->size, blob->mediaType); !r)
        return Router::errorResponse(r.error());
    return Response::json(QJsonDocument(sizeJson(sha, blob->size)), 201);
}

Response AttachmentsApi::get(const Call &c)
{
    const QString sha = c.params.value(0);
    if (!AttachmentStore::isValidSha256(sha))
        return Router::badRequest(
            tr("An attachment is named by its SHA-256: 64 lower-case hexadecimal digits."));
    auto file = m_store.open(sha);
    if (!file)
        return Response::error(404, QStringLiteral("not_found"),
                               tr("The server does not have the attachment %1.").arg(sha));
    const QByteArray bytes = file->readAll();
    auto type
        = m_db.scalar(QStringLiteral("SELECT media_type FROM attachments WHERE sha256 = ?"), {sha});
    QString mediaType = type && !type->isNull() ? type->toString() : QString();
    if (mediaType.isEmpty())
        mediaType = sniffMediaType(bytes.left(kSniffBytes), {});
    Response r{200, mediaType.toLatin1(), bytes, {}};
    // Never rendered inline by a browser that reaches this agent route.
    r.headers.append(qMakePair(QByteArray("Content-Disposition"), QByteArray("attachment")));
    r.headers.append(qMakePair(QByteArray("X-Content-Type-Options"), QByteArray("nosniff")));
    return r;
}

} // namespace hd::server
