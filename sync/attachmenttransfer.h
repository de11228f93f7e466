// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace hd {
class AttachmentStore;
} // namespace hd

namespace hd::sync {

/// Moves attachment files between the local AttachmentStore and the server by SHA-256
/// (docs/sync.md "Attachments"). One job at a time, each ending in finished().
///
/// upload(): for each file, HEAD; when the server lacks it, PUTs it from the Upload-Offset the
/// server reported in kChunkBytes chunks (a 409 resumes at the offset it names). Files the local
/// store does not have are skipped (the push of their message is then refused by the server).
/// download(): GETs the files the local store lacks; each is hashed before it is kept, and one
/// the server does not have (404) is skipped. A file that fails (wrong bytes, over the store's
/// limit, an error answer) does not stop the others; finished() then reports the first failure. All
/// I/O is asynchronous on the injected manager.
class AttachmentTransfer : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kChunkBytes = 512 * 1024;

    AttachmentTransfer(QNetworkAccessManager &network, AttachmentStore &store,
                       QObject *parent = nullptr);
    ~AttachmentTransfer() override;

    void setServer(const QUrl &base, const QString &token);
    [[nodiscard]] AttachmentStore &store() { return m_store; }

    void upload(const QStringList &sha256s);
    void download(const QStringList &sha256s);
    /// Stops the job in flight; finished(false, ...) follows.
    void abort();

    [[nodiscard]] bool busy() const { return m_mode != Mode::Idle; }
    /// The HTTP status of the request that failed the last job (0 for a network error).
    [[nodiscard]] int lastStatus() const { return m_lastStatus; }
    /// Bytes sent (upload) or kept (download) since construction.
    [[nodiscard]] qint64 bytesTransferred() const { return m_bytes; }

Q_SIGNALS:
    void finished(bool ok, const QString &error);

private:
    enum class Mode { Idle, Upload, Download };
    void start(Mode mode, const QStringList &sha256s);
    void next();
    void headAnswered(QNetworkReply *reply);
    void sendChunk(qint64 offset);
    void putAnswered(QNetworkReply *reply, qint64 sent);
    void getAnswered(QNetworkReply *reply);
    void fail(QNetworkReply *reply, const QString &what);
    void downloadFailed(const QString &error);
    void done(bool ok, const QString &error);
    QNetworkRequest request(const QString &sha256) const;
    QNetworkReply *track(QNetworkReply *reply);

    QNetworkAccessManager &m_network;
    AttachmentStore &m_store;
    QUrl m_base;
    QString m_token;
    Mode m_mode = Mode::Idle;
    QStringList m_queue;
    QString m_current;
    int m_conflicts = 0; ///< 409s for the current file: a bound against ping-pong
    int m_lastStatus = 0;
    bool m_aborting = false;
    QString m_skipped; ///< the first download that failed in this job
    qint64 m_bytes = 0;
    QPointer<QNetworkReply> m_reply;
};

} // namespace hd::sync
