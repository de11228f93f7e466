// SPDX-License-Identifier: GPL-3.0-or-later
// SyncClient's attachment files (docs/sync.md "Attachments"): uploaded before the batch that
// names them, downloaded after a pull.
#include "core/storage/attachmentstore.h"
#include "core/storage/database.h"
#include "sync/attachmenttransfer.h"
#include "sync/syncclient.h"

#include <QJsonArray>

namespace hd::sync {

void SyncClient::setAttachmentStore(AttachmentStore *store)
{
    if (m_transfer && m_transfer->busy())
        m_transfer->abort();
    m_transfer.reset();
    if (!store)
        return;
    m_transfer = std::make_unique<AttachmentTransfer>(m_network, *store);
    m_transfer->setServer(m_base, m_token);
}

bool SyncClient::uploadFirst(const QJsonArray &list)
{
    if (!m_transfer)
        return false;
    QStringList files;
    for (const QJsonValue &v : list) {
        const QJsonObject op = v.toObject();
        if (op.value(QStringLiteral("kind")).toString() != QLatin1String("add_message"))
            continue;
        const QJsonArray attachments = op.value(QStringLiteral("payload"))
                                           .toObject()
                                           .value(QStringLiteral("attachments"))
                                           .toArray();
        for (const QJsonValue &a : attachments)
            files << a.toObject().value(QStringLiteral("sha256")).toString();
    }
    if (files.isEmpty())
        return false;
    connect(
        m_transfer.get(), &AttachmentTransfer::finished, this,
        [this, list](bool ok, const QString &error) {
            if (!m_running)
                return; // cancelled meanwhile
            if (!ok) {
                // Like a failed push: nothing was lost, the whole batch is tried again later.
                retryLater(m_transfer->lastStatus(), error);
                return;
            }
            post(list);
        },
        Qt::SingleShotConnection);
    m_transfer->upload(files);
    return true;
}

bool SyncClient::downloadMissing()
{
    if (!m_transfer)
        return false;
    auto q = m_db.exec(QStringLiteral("SELECT DISTINCT a.sha256, a.size FROM attachments a "
                                      "JOIN message_attachments ma ON ma.sha256 = a.sha256 "
                                      "ORDER BY a.sha256"));
    if (!q)
        return false;
    QStringList wanted;
    qint64 bytes = 0;
    while (q->next()) {
        const QString sha = q->value(0).toString();
        const qint64 size = q->value(1).toLongLong();
        if (m_transfer->store().contains(sha))
            continue;
        if (!wanted.isEmpty() && bytes + size > m_downloadBudget)
            continue; // next round
        wanted << sha;
        bytes += size;
    }
    q->finish();
    if (wanted.isEmpty())
        return false;
    connect(
        m_transfer.get(), &AttachmentTransfer::finished, this,
        [this](bool ok, const QString &error) {
            if (!m_running)
                return;
            // Files are not operations: a failed download leaves the round as it was and the
            // next round asks again.
            if (!ok)
                m_lastError = error;
            if (ok || m_transfer->lastStatus() != 401) {
                finishRound(false);
                return;
            }
            retryLater(401, error);
        },
        Qt::SingleShotConnection);
    m_transfer->download(wanted);
    return true;
}

} // namespace hd::sync
