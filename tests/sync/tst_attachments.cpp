// SPDX-License-Identifier: GPL-3.0-or-later
// Attachments by hash (docs/sync.md "Attachments"): HEAD/PUT/GET on the in-process server —
// chunked, resumable, checked against the hash and the size limit, never stored twice — and
// end to end: a desktop's reply with a file reaches the server and another desktop.
#include "tests/sync/replicafixture.h"

#include "core/storage/attachmentstore.h"
#include "server/attachmentsapi.h"
#include "server/serverfixture.h"
#include "sync/attachmenttransfer.h"

#include <QCryptographicHash>
#include <QDirIterator>

using namespace hd;

namespace {

struct Answer
{
    int status = 0;
    QByteArray body;
    QByteArray offset; ///< Upload-Offset
    QByteArray length; ///< Content-Length
    QByteArray type; ///< Content-Type
};

QString sha256Of(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

/// Deterministic bytes that are not all alike.
QByteArray bytesOf(qint64 size, char seed)
{
    QByteArray out(size, Qt::Uninitialized);
    quint32 x = quint32(seed) * 2654435761u + 1;
    for (qint64 i = 0; i < size; ++i) {
        x = x * 1103515245u + 12345u;
        out[i] = char(x >> 24);
    }
    return out;
}

/// Regular files under a folder (the attachment store's blobs and partials).
QStringList filesUnder(const QString &root)
{
    QStringList out;
    QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        out << it.next().mid(root.size() + 1);
    out.sort();
    return out;
}

struct Setup
{
    ServerFixture server;
    QNetworkAccessManager nam;
    QByteArray auth;
    QString token;
    QString agentUuid;

    Setup()
    {
        auth = server.bearer("agent@example.com");
        token = QString::fromLatin1(auth.mid(7));
        agentUuid = server.db->scalar("SELECT uuid FROM agents WHERE email = 'agent@example.com'")
                        ->toString();
    }
    QUrl url() const { return QUrl(QString("http://127.0.0.1:%1").arg(server.server->port())); }
    QString root() const { return server.server->attachments()->store().rootDir(); }

    Answer call(const QByteArray &method, const QString &sha, const QByteArray &body = {},
                const QByteArray &range = {}, const QByteArray &authorization = "default")
    {
        QNetworkRequest req(QUrl(url().toString() + "/api/v1/attachments/" + sha));
        req.setRawHeader("Authorization", authorization == "default" ? auth : authorization);
        if (!range.isEmpty())
            req.setRawHeader("Content-Range", range);
        QNetworkReply *reply = method == "HEAD" ? nam.head(req)
            : method == "GET"                   ? nam.get(req)
                                                : nam.sendCustomRequest(req, method, body);
        QSignalSpy done(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            done.wait(60000);
        Answer a;
        a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        a.body = reply->readAll();
        a.offset = reply->rawHeader("Upload-Offset");
        a.length = reply->rawHeader("Content-Length");
        a.type = reply->rawHeader("Content-Type");
        reply->deleteLater();
        return a;
    }

    Answer chunk(const QString &sha, const QByteArray &file, qint64 start, qint64 size)
    {
        const QByteArray range = "bytes " + QByteArray::number(start) + '-'
            + QByteArray::number(start + size - 1) + '/' + QByteArray::number(file.size());
        return call("PUT", sha, file.mid(start, size), range);
    }
};

constexpr qint64 kChunk = 512 * 1024;

} // namespace

class TestAttachments : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void uploadsResumeAfterALostChunk()
    {
        Setup s;
        // 1.3 MiB: chunks of 512 KiB, 512 KiB and 307.2 KiB.
        const QByteArray file = "%PDF-1.4\n" + bytesOf(1363148 - 9, 'a');
        QCOMPARE(file.size(), 1363148);
        const QString sha = sha256Of(file);
        Answer a = s.call("HEAD", sha);
        QCOMPARE(a.status, 404);
        QCOMPARE(a.offset, QByteArray("0"));
        QVERIFY(a.body.isEmpty());

        a = s.chunk(sha, file, 0, kChunk);
        QCOMPARE(a.status, 202);
        QCOMPARE(a.offset, QByteArray("524288"));
        // Chunk 2 is "lost": chunk 3 does not start where the server stands.
        a = s.chunk(sha, file, 2 * kChunk, file.size() - 2 * kChunk);
        QCOMPARE(a.status, 409);
        QCOMPARE(a.offset, QByteArray("524288"));
        a = s.call("HEAD", sha);
        QCOMPARE(a.status, 404);
        QCOMPARE(a.offset, QByteArray("524288"));
        // Resumed from the offset.
        QCOMPARE(s.chunk(sha, file, kChunk, kChunk).status, 202);
        a = s.chunk(sha, file, 2 * kChunk, file.size() - 2 * kChunk);
        QCOMPARE(a.status, 201);
        QCOMPARE(QJsonDocument::fromJson(a.body).object().value("size").toInteger(), file.size());

        a = s.call("HEAD", sha);
        QCOMPARE(a.status, 200);
        QCOMPARE(a.length, QByteArray::number(file.size()));
        QVERIFY(a.body.isEmpty());
        // The row: the server's size and sniffed media type.
        auto row
            = s.server.db->exec("SELECT size, media_type FROM attachments WHERE sha256 = ?", {sha});
        QVERIFY(row->next());
        QCOMPARE(row->value(0).toLongLong(), file.size());
        QCOMPARE(row->value(1).toString(), QString("application/pdf"));
        row->finish();
        // Nothing partial is left; the blob is in the store.
        QCOMPARE(filesUnder(s.root()), QStringList{sha.left(2) + '/' + sha.mid(2, 2) + '/' + sha});

        a = s.call("GET", sha);
        QCOMPARE(a.status, 200);
        QCOMPARE(a.type, QByteArray("application/pdf"));
        QCOMPARE(a.body, file);

        // The same file again: 200 at once, one copy on disk.
        a = s.chunk(sha, file, 0, kChunk);
        QCOMPARE(a.status, 200);
        QCOMPARE(filesUnder(s.root()).size(), 1);
        QCOMPARE(s.server.db->scalar("SELECT count(*) FROM attachments")->toInt(), 1);
    }

    void wrongBytesAreNotKept()
    {
        Setup s;
        const QByteArray file = bytesOf(1000, 'b');
        const QString claimed = sha256Of("something else");
        Answer a = s.call("PUT", claimed, file, "bytes 0-999/1000");
        QCOMPARE(a.status, 422);
        QCOMPARE(filesUnder(s.root()), QStringList());
        a = s.call("HEAD", claimed);
        QCOMPARE(a.status, 404);
        QCOMPARE(a.offset, QByteArray("0"));
        QCOMPARE(s.server.db->scalar("SELECT count(*) FROM attachments")->toInt(), 0);
    }

    void limitsAndNamesAreChecked()
    {
        Setup s;
        const QByteArray small = bytesOf(10, 'c');
        const QString sha = sha256Of(small);
        // Over the 25 MiB limit.
        QCOMPARE(s.call("PUT", sha, small, "bytes 0-9/26214401").status, 413);
        // A chunk over 512 KiB.
        const QByteArray big = bytesOf(kChunk + 1, 'd');
        QCOMPARE(s.call("PUT", sha256Of(big), big, "bytes 0-524288/524289").status, 413);
        // Ranges that do not fit the body or themselves.
        QCOMPARE(s.call("PUT", sha, small, "bytes 0-8/10").status, 400);
        QCOMPARE(s.call("PUT", sha, small, "bytes 0-9/5").status, 400);
        QCOMPARE(s.call("PUT", sha, small, {}).status, 400);
        QCOMPARE(s.call("PUT", sha, small, "bytes=0-9/10").status, 400);
        // Names that are not a lower-case SHA-256 never reach the file system.
        for (const QString &bad : QStringList{sha.toUpper(), sha.left(63), sha + "0", "x%00y",
                                              QString(64, QChar(u'g'))}) {
            QCOMPARE(s.call("PUT", bad, small, "bytes 0-9/10").status, 400);
            QCOMPARE(s.call("HEAD", bad).status, 400);
            QCOMPARE(s.call("GET", bad).status, 400);
        }
        // An encoded slash is a path of more segments: no such route.
        QCOMPARE(s.call("PUT", "..%2F..%2Fx", small, "bytes 0-9/10").status, 404);
        QCOMPARE(s.call("GET", sha).status, 404);
        // Without a token.
        QCOMPARE(s.call("HEAD", sha, {}, {}, {}).status, 401);
        QCOMPARE(s.call("PUT", sha, small, "bytes 0-9/10", {}).status, 401);
        QCOMPARE(s.call("GET", sha, {}, {}, {}).status, 401);
        QCOMPARE(filesUnder(s.root()), QStringList());
        // An empty file.
        const QString empty = sha256Of({});
        QCOMPARE(s.call("PUT", empty, {}, "bytes */0").status, 201);
        QCOMPARE(s.call("HEAD", empty).length, QByteArray("0"));
    }

    void transferUploadsAndDownloads()
    {
        Setup s;
        QTemporaryDir dir;
        AttachmentStore local(dir.filePath("a"));
        const QByteArray file = bytesOf(1300 * 1024, 'e');
        const StoredBlob blob = *local.putBytes(file, u"big.bin");
        // Half of it arrived earlier: the upload resumes there.
        QCOMPARE(s.chunk(blob.sha256, file, 0, kChunk).status, 202);
        sync::AttachmentTransfer t(s.nam, local);
        t.setServer(s.url(), s.token);
        QSignalSpy finished(&t, &sync::AttachmentTransfer::finished);
        t.upload({blob.sha256});
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.last().at(0).toBool(), true);
        QCOMPARE(t.bytesTransferred(), file.size() - kChunk);
        QCOMPARE(s.call("HEAD", blob.sha256).status, 200);
        // Again: the HEAD says the server has it; nothing is sent.
        t.upload({blob.sha256});
        QVERIFY(finished.wait(60000));
        QCOMPARE(t.bytesTransferred(), file.size() - kChunk);

        AttachmentStore other(dir.filePath("b"));
        sync::AttachmentTransfer d(s.nam, other);
        d.setServer(s.url(), s.token);
        QSignalSpy got(&d, &sync::AttachmentTransfer::finished);
        d.download({blob.sha256, sha256Of("not on the server")});
        QVERIFY(got.wait(60000));
        QCOMPARE(got.last().at(0).toBool(), true);
        QVERIFY(other.contains(blob.sha256));
        QVERIFY(bool(other.verify(blob.sha256)));

        // A blob the server has without its row (put there by other means) is recorded when a
        // client asks for it: the message naming it can be pushed.
        const QByteArray gif = "GIF89a" + bytesOf(100, 'k');
        const StoredBlob placed = *s.server.server->attachments()->store().putBytes(gif, u"x");
        QCOMPARE(s.call("HEAD", placed.sha256).status, 200);
        QCOMPARE(
            s.server.db
                ->scalar("SELECT media_type FROM attachments WHERE sha256 = ?", {placed.sha256})
                ->toString(),
            QString("image/gif"));
        // A download larger than the local limit is cut off and not kept.
        AttachmentStore tiny(dir.filePath("c"), 1000);
        sync::AttachmentTransfer small(s.nam, tiny);
        small.setServer(s.url(), s.token);
        QSignalSpy cut(&small, &sync::AttachmentTransfer::finished);
        small.download({blob.sha256, placed.sha256});
        QVERIFY(cut.wait(60000));
        QCOMPARE(cut.last().at(0).toBool(), false);
        QVERIFY(!cut.last().at(1).toString().isEmpty());
        QVERIFY(!tiny.contains(blob.sha256));
        QVERIFY(tiny.contains(placed.sha256)); // the next one still came
    }

    void repliesWithFilesReachTheOtherDesktop()
    {
        Setup s;
        const Ticket t = s.server.ticket("첨부 문의", "파일을 보냅니다");
        auto a = std::make_unique<ReplicaFixture>(s.nam, s.url(), s.token);
        AttachmentStore filesA(a->dir.filePath("attachments"));
        a->client->setAttachmentStore(&filesA);
        QVERIFY(a->sync());
        // As the composer does: the file goes into the store, the message names it.
        const QByteArray png = QByteArray("\x89PNG\r\n\x1a\n", 8) + bytesOf(700 * 1024, 'f');
        const StoredBlob blob = *filesA.putBytes(png, u"스크린샷.png");
        NewMessage reply;
        reply.authorId = a->agentId(s.agentUuid);
        reply.body = "스크린샷 첨부합니다";
        reply.attachments = {AttachmentRef{blob.sha256, blob.fileName, blob.mediaType, blob.size}};
        QVERIFY(bool(a->store->addMessage(a->ticket(t.uuid).id, reply)));
        QVERIFY(a->sync());
        QCOMPARE(a->pending(), 0);
        QCOMPARE(a->db->scalar("SELECT count(*) FROM sync_rejections")->toInt(), 0);
        // The server has the file and the message links it.
        QVERIFY(s.server.server->attachments()->store().contains(blob.sha256));
        QCOMPARE(s.server.db
                     ->scalar("SELECT ma.file_name FROM message_attachments ma JOIN messages m "
                              "ON m.id = ma.message_id WHERE ma.sha256 = ?",
                              {blob.sha256})
                     ->toString(),
                 QString("스크린샷.png"));
        QCOMPARE(s.server.db
                     ->scalar("SELECT media_type FROM attachments WHERE sha256 = ?", {blob.sha256})
                     ->toString(),
                 QString("image/png"));

        auto b = std::make_unique<ReplicaFixture>(s.nam, s.url(), s.token);
        AttachmentStore filesB(b->dir.filePath("attachments"));
        b->client->setAttachmentStore(&filesB);
        QVERIFY(b->sync());
        QVERIFY(filesB.contains(blob.sha256));
        QVERIFY(bool(filesB.verify(blob.sha256)));
        QCOMPARE(difference(contentOf(*b->db), contentOf(*s.server.db)), QString());
        // Only one copy on the server.
        QCOMPARE(filesUnder(s.root()).size(), 1);
    }

    void aFailedUploadIsRetriedAndNothingIsLost()
    {
        Setup s;
        const Ticket t = s.server.ticket("재시도", "본문");
        auto a = std::make_unique<ReplicaFixture>(s.nam, s.url(), s.token);
        AttachmentStore files(a->dir.filePath("attachments"));
        a->client->setAttachmentStore(&files);
        QVERIFY(a->sync());
        // The server cannot keep partial uploads: a file stands where its folder should be.
        QVERIFY(QDir().mkpath(s.root()));
        QFile blocker(s.root() + "/partial");
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        const StoredBlob blob = *files.putBytes(bytesOf(100 * 1024, 'j'), u"log.txt");
        NewMessage reply;
        reply.authorId = a->agentId(s.agentUuid);
        reply.body = "로그 첨부";
        reply.attachments = {AttachmentRef{blob.sha256, blob.fileName, blob.mediaType, blob.size}};
        QVERIFY(bool(a->store->addMessage(a->ticket(t.uuid).id, reply)));
        QSignalSpy states(a->client.get(), &sync::SyncClient::stateChanged);
        QSignalSpy synced(a->client.get(), &sync::SyncClient::synced);
        a->client->syncNow();
        while (
            !states.contains(QVariantList{QVariant::fromValue(sync::SyncClient::State::Offline)}))
            QVERIFY(states.wait(60000));
        // Backing off: the message is still in the outbox, the server has neither it nor a
        // rejection to tell.
        QCOMPARE(a->pending(), 1);
        QCOMPARE(
            s.server.db->scalar("SELECT count(*) FROM messages WHERE body = '로그 첨부'")->toInt(),
            0);
        QVERIFY(!a->client->lastError().isEmpty());
        QVERIFY(blocker.remove());
        QVERIFY(synced.wait(60000));
        QCOMPARE(a->pending(), 0);
        QCOMPARE(a->db->scalar("SELECT count(*) FROM sync_rejections")->toInt(), 0);
        QVERIFY(s.server.server->attachments()->store().contains(blob.sha256));
        QCOMPARE(
            s.server.db->scalar("SELECT count(*) FROM messages WHERE body = '로그 첨부'")->toInt(),
            1);
    }

    void downloadsAreBoundedPerRound()
    {
        Setup s;
        const Ticket t = s.server.ticket("여러 파일", "본문");
        QStringList hashes;
        for (char seed : {'g', 'h', 'i'}) {
            const QByteArray bytes = bytesOf(300 * 1024, seed);
            const StoredBlob blob
                = *s.server.server->attachments()->store().putBytes(bytes, u"f.bin");
            QVERIFY(bool(s.server.db->exec(
                "INSERT INTO attachments(sha256, size, media_type) VALUES (?,?,?)",
                {blob.sha256, blob.size, blob.mediaType})));
            NewMessage m;
            m.authorKind = AuthorKind::Agent;
            m.authorId = s.server.db->scalar("SELECT id FROM agents LIMIT 1")->toLongLong();
            m.body = "file";
            m.attachments = {AttachmentRef{blob.sha256, "f.bin", blob.mediaType, blob.size}};
            QVERIFY(bool(s.server.store->addMessage(t.id, m)));
            hashes << blob.sha256;
        }
        auto b = std::make_unique<ReplicaFixture>(s.nam, s.url(), s.token);
        AttachmentStore files(b->dir.filePath("attachments"));
        b->client->setAttachmentStore(&files);
        b->client->setDownloadBudget(700 * 1024); // two of the three a round
        QVERIFY(b->sync());
        int have = 0;
        for (const QString &h : hashes)
            have += files.contains(h) ? 1 : 0;
        QCOMPARE(have, 2);
        QVERIFY(b->sync());
        for (const QString &h : hashes)
            QVERIFY(files.contains(h));
    }
};

QTEST_GUILESS_MAIN(TestAttachments)
#include "tst_attachments.moc"
