// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/attachmenttransfer.h"

#include "core/base/logging.h"
#include "core/storage/attachmentstore.h"

#include <QCryptographicHash>
#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace hd::sync {

namespace {
constexpr int kTransferTimeoutMs = 60'000;
constexpr int kMaxConflicts = 3;

int statusOf(QNetworkReply *reply)
{
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

qint64 offsetOf(QNetworkReply *reply)
{
    bool ok = false;
    const qint64 offset = reply->rawHeader("Upload-Offset").trimmed().toLongLong(&ok);
    return ok && offset >= 0 ? offset : -1;
}
} // namespace

AttachmentTransfer::AttachmentTransfer(QNetworkAccessManager &network, AttachmentStore &store,
                                       QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_store(store)
{ }

AttachmentTransfer::~AttachmentTransfer()
{
    if (QNetworkReply *reply = m_reply.data()) {
        reply->disconnect(this);
        reply->abort();
    }
}

void AttachmentTransfer::setServer(const QUrl &base, const QString &token)
{
    m_base = base;
    m_token = token;
}

void AttachmentTransfer::upload(const QStringList &sha256s)
{
    start(Mode::Upload, sha256s);
}

void AttachmentTransfer::download(const QStringList &sha256s)
{
    start(Mode::Download, sha256s);
}

void AttachmentTransfer::abort()
{
    m_aborting = true;
    if (QNetworkReply *reply = m_reply.data())
        reply->abort(); // its handler fails the job
    else if (m_mode != Mode::Idle)
        done(false, tr("The transfer was cancelled."));
}

void AttachmentTransfer::start(Mode mode, const QStringList &sha256s)
{
    if (m_mode != Mode::Idle) {
        qCWarning(lcSync) << "attachment transfer already running; request ignored";
        return;
    }
    m_mode = mode;
    m_queue.clear();
    for (const QString &sha : sha256s)
        if (AttachmentStore::isValidSha256(sha) && !m_queue.contains(sha))
            m_queue << sha;
    m_lastStatus = 0;
    m_aborting = false;
    m_skipped.clear();
    next();
}

QNetworkRequest AttachmentTransfer::request(const QString &sha256) const
{
    QUrl url = m_base;
    url.setPath(m_base.path() + QStringLiteral("/api/v1/attachments/") + sha256);
    QNetworkRequest r(url);
    r.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    r.setTransferTimeout(kTransferTimeoutMs);
    return r;
}

QNetworkReply *AttachmentTransfer::track(QNetworkReply *reply)
{
    m_reply = reply;
    return reply;
}

void AttachmentTransfer::next()
{
    while (!m_queue.isEmpty()) {
        m_current = m_queue.takeFirst();
        m_conflicts = 0;
        const bool local = m_store.contains(m_current);
        if (m_mode == Mode::Upload && !local) {
            qCWarning(lcSync) << "attachment" << m_current << "is not in the local store";
            continue;
        }
        if (m_mode == Mode::Download && local)
            continue;
        if (m_mode == Mode::Upload) {
            QNetworkReply *reply = track(m_network.head(request(m_current)));
            connect(reply, &QNetworkReply::finished, this, [this, reply] { headAnswered(reply); });
        } else {
            QNetworkReply *reply = track(m_network.get(request(m_current)));
            // A server sending more than any attachment may hold is cut off.
            const qint64 limit = m_store.maxFileBytes();
            connect(reply, &QNetworkReply::downloadProgress, this,
                    [reply, limit](qint64 received, qint64 total) {
                        if (received > limit || total > limit)
                            reply->abort();
                    });
            connect(reply, &QNetworkReply::finished, this, [this, reply] { getAnswered(reply); });
        }
        return;
    }
    done(m_skipped.isEmpty(), m_skipped);
}

void AttachmentTransfer::done(bool ok, const QString &error)
{
    m_mode = Mode::Idle;
    m_queue.clear();
    m_current.clear();
    Q_EMIT finished(ok, error);
}

void AttachmentTransfer::fail(QNetworkReply *reply, const QString &what)
{
    m_lastStatus = statusOf(reply);
    const QString reason = reply->error() == QNetworkReply::NoError
        ? tr("HTTP status %1").arg(m_lastStatus)
        : reply->errorString();
    downloadFailed(what.arg(m_current, reason));
}

void AttachmentTransfer::downloadFailed(const QString &error)
{
    // One file the server cannot deliver must not hold back the others: a download job goes on
    // and reports the first failure at its end. Uploads stop (their batch waits for all files),
    // and so does anything after a cancel or a 401.
    if (m_mode == Mode::Download && !m_aborting && m_lastStatus != 401) {
        qCWarning(lcSync) << error;
        if (m_skipped.isEmpty())
            m_skipped = error;
        next();
        return;
    }
    done(false, error);
}

void AttachmentTransfer::headAnswered(QNetworkReply *reply)
{
    reply->deleteLater();
    const int status = statusOf(reply);
    if (status == 200) {
        next(); // the server has it: never sent twice
        return;
    }
    const qint64 offset = offsetOf(reply);
    if (status != 404 || offset < 0) {
        fail(reply, tr("Asking the server for the attachment %1 failed: %2"));
        return;
    }
    sendChunk(offset);
}

void AttachmentTransfer::sendChunk(qint64 offset)
{
    auto file = m_store.open(m_current);
    if (!file) {
        done(false, tr("Cannot read the attachment %1 from the local store.").arg(m_current));
        return;
    }
    const qint64 total = file->size();
    if (offset > total || !file->seek(offset)) {
        done(false,
             tr("The server reports more bytes of the attachment %1 than the file has.")
                 .arg(m_current));
        return;
    }
    const QByteArray chunk = file->read(kChunkBytes);
    QNetworkRequest r = request(m_current);
    r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/octet-stream"));
    r.setRawHeader("Content-Range",
                   total == 0 ? QByteArray("bytes */0")
                              : "bytes " + QByteArray::number(offset) + '-'
                           + QByteArray::number(offset + chunk.size() - 1) + '/'
                           + QByteArray::number(total));
    QNetworkReply *reply = track(m_network.put(r, chunk));
    const qint64 sent = chunk.size();
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, sent] { putAnswered(reply, sent); });
}

void AttachmentTransfer::putAnswered(QNetworkReply *reply, qint64 sent)
{
    reply->deleteLater();
    const int status = statusOf(reply);
    if (status == 200 || status == 201) {
        m_bytes += status == 201 ? sent : 0;
        next();
        return;
    }
    const qint64 offset = offsetOf(reply);
    if (status == 202 && offset >= 0) {
        m_bytes += sent;
        sendChunk(offset);
        return;
    }
    if (status == 409 && offset >= 0 && ++m_conflicts <= kMaxConflicts) {
        sendChunk(offset); // resume where the server says it stands
        return;
    }
    fail(reply, tr("Uploading the attachment %1 failed: %2"));
}

void AttachmentTransfer::getAnswered(QNetworkReply *reply)
{
    reply->deleteLater();
    const int status = statusOf(reply);
    if (status == 404) {
        next(); // not on the server (yet): nothing to fetch
        return;
    }
    if (reply->error() != QNetworkReply::NoError || status != 200) {
        fail(reply, tr("Downloading the attachment %1 failed: %2"));
        return;
    }
    const QByteArray bytes = reply->readAll();
    const QString hash
        = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    if (hash != m_current) {
        downloadFailed(tr("The server sent other bytes than the attachment %1; they were not kept.")
                           .arg(m_current));
        return;
    }
    auto blob = m_store.putBytes(bytes, m_current);
    if (!blob) {
        downloadFailed(blob.errorMessage());
        return;
    }
    m_bytes += bytes.size();
    next();
}

} // namespace hd::sync
