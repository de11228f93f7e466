// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/storage/attachmentstore.h"
#include "core/storage/filenames.h"
#include "core/storage/mediatype.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDirIterator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <thread>
#include <vector>

using hd::AttachmentStore;
using hd::ErrorCode;

namespace {

constexpr qint64 kMiB = 1024 * 1024;

/// Produces `size` bytes of a fixed pattern without ever holding them; counts the largest read.
/// With `failAt`, reading fails there like a broken disk or network.
class PatternDevice : public QIODevice
{
public:
    PatternDevice(qint64 size, bool sequential, qint64 failAt = -1)
        : m_size(size)
        , m_failAt(failAt)
        , m_sequential(sequential)
    {
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    }
    static char byteAt(qint64 i) { return char((i * 131 + (i >> 16)) & 0xff); }
    bool isSequential() const override { return m_sequential; }
    qint64 size() const override { return m_sequential ? 0 : m_size; }
    qint64 bytesAvailable() const override
    {
        return m_size - m_produced + QIODevice::bytesAvailable();
    }
    qint64 largestRead() const { return m_largestRead; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        if (m_failAt >= 0 && m_produced >= m_failAt) {
            setErrorString("the disk is on fire");
            return -1;
        }
        m_largestRead = std::max(m_largestRead, maxSize);
        const qint64 end = m_failAt >= 0 ? std::min(m_failAt, m_size) : m_size;
        const qint64 n = std::min(maxSize, end - m_produced);
        for (qint64 i = 0; i < n; ++i)
            data[i] = byteAt(m_produced + i);
        m_produced += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    qint64 m_size;
    qint64 m_failAt;
    bool m_sequential;
    qint64 m_produced = 0;
    qint64 m_largestRead = 0;
};

QByteArray patternSha256(qint64 size)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray chunk;
    for (qint64 at = 0; at < size; at += chunk.size()) {
        chunk.resize(std::min(kMiB, size - at));
        for (qsizetype i = 0; i < chunk.size(); ++i)
            chunk[i] = PatternDevice::byteAt(at + i);
        hash.addData(chunk);
    }
    return hash.result().toHex();
}

/// Files in the store's temporary folder.
QStringList leftovers(const QString &root)
{
    return QDir(root + "/tmp").entryList(QDir::Files | QDir::Hidden | QDir::System);
}

/// Stored blobs (everything but the temporary folder).
int blobCount(const QString &root)
{
    int count = 0;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        if (!it.next().startsWith(root + "/tmp/"))
            ++count;
    }
    return count;
}

QByteArray le16(int v)
{
    QByteArray bytes;
    bytes.append(char(v & 0xff)).append(char((v >> 8) & 0xff));
    return bytes;
}

/// A ZIP local file header followed by stored data (enough for sniffing).
QByteArray zipEntry(const QByteArray &name, const QByteArray &data = "x")
{
    const QByteArray size = le16(int(data.size())) + le16(0);
    return "PK\x03\x04" + le16(20) + le16(0) + le16(0) + le16(0) + le16(0) + QByteArray(4, '\0')
        + size + size + le16(int(name.size())) + le16(0) + name + data;
}

QString u16(QStringView s)
{
    return s.toString();
}

/// `syllables` times 가, 3 UTF-8 bytes each.
QString korean(int syllables)
{
    return QString(syllables, QChar(0xAC00));
}

} // namespace

class TestAttachmentStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>(); // a fresh store for every test row
        QVERIFY(m_dir->isValid());
    }

    void deduplicates()
    {
        const QTemporaryDir &dir = *m_dir;
        AttachmentStore store(dir.path());
        const auto first = store.putBytes("hello", u"a.txt");
        QVERIFY2(first.ok(), qPrintable(first.errorMessage()));
        QCOMPARE(first->sha256, "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        QCOMPARE(first->size, 5);
        QVERIFY(!first->deduplicated);
        const auto second = store.putBytes("hello", u"b.txt");
        QVERIFY(second.ok());
        QCOMPARE(second->sha256, first->sha256);
        QVERIFY(second->deduplicated);
        QCOMPARE(second->fileName, "b.txt");
        QCOMPARE(blobCount(dir.path()), 1);
        QVERIFY(leftovers(dir.path()).isEmpty());
        QCOMPARE(store.pathFor(first->sha256), dir.path() + "/2c/f2/" + first->sha256);
        QVERIFY(store.contains(first->sha256));
        auto device = store.open(first->sha256);
        QVERIFY(device);
        QCOMPARE(device->readAll(), "hello");
    }

    void sizeLimit_data()
    {
        QTest::addColumn<qint64>("size");
        QTest::addColumn<bool>("sequential");
        QTest::addColumn<bool>("fits");
        for (const bool sequential : {false, true}) {
            const char *kind = sequential ? "stream" : "file";
            QTest::addRow("%s empty", kind) << qint64(0) << sequential << true;
            QTest::addRow("%s one under", kind) << kMiB - 1 << sequential << true;
            QTest::addRow("%s exactly at the limit", kind) << kMiB << sequential << true;
            QTest::addRow("%s one byte over", kind) << kMiB + 1 << sequential << false;
            QTest::addRow("%s far over", kind) << 3 * kMiB << sequential << false;
        }
    }
    void sizeLimit()
    {
        QFETCH(qint64, size);
        QFETCH(bool, sequential);
        QFETCH(bool, fits);
        AttachmentStore store(m_dir->path(), kMiB);
        PatternDevice device(size, sequential);
        const auto blob = store.put(device, u"big.bin");
        QCOMPARE(blob.ok(), fits);
        QVERIFY(leftovers(m_dir->path()).isEmpty());
        if (fits) {
            QCOMPARE(blob->size, size);
            QCOMPARE(blob->sha256.toLatin1(), patternSha256(size));
            QCOMPARE(blobCount(m_dir->path()), 1);
        } else {
            QCOMPARE(blob.errorCode(), ErrorCode::TooLarge);
            QVERIFY2(blob.errorMessage().contains("1 MB"), qPrintable(blob.errorMessage()));
            QVERIFY2(blob.errorMessage().contains("big.bin"), qPrintable(blob.errorMessage()));
            QCOMPARE(blobCount(m_dir->path()), 0);
        }
    }

    void streamsThirtyMegabytes_data()
    {
        QTest::addColumn<bool>("sequential");
        QTest::newRow("random access") << false;
        QTest::newRow("sequential") << true;
    }
    void streamsThirtyMegabytes()
    {
        QFETCH(bool, sequential);
        const qint64 size = 30 * kMiB;
        AttachmentStore store(m_dir->path(), 32 * kMiB);
        PatternDevice device(size, sequential);
        const auto blob = store.put(device, u"video.raw");
        QVERIFY2(blob.ok(), qPrintable(blob.errorMessage()));
        QCOMPARE(blob->size, size);
        QCOMPARE(blob->sha256.toLatin1(), patternSha256(size));
        QVERIFY2(device.largestRead() <= kMiB, "put() must read in chunks");
        QCOMPARE(QFileInfo(store.pathFor(blob->sha256)).size(), size);
        QVERIFY(store.verify(blob->sha256).ok());
        QVERIFY(leftovers(m_dir->path()).isEmpty());
    }

    void defaultLimitIs25Megabytes()
    {
        AttachmentStore store(m_dir->path());
        QCOMPARE(store.maxFileBytes(), 25 * kMiB);
        PatternDevice device(30 * kMiB, true);
        const auto blob = store.put(device, u"video.raw");
        QCOMPARE(blob.errorCode(), ErrorCode::TooLarge);
        QVERIFY2(blob.errorMessage().contains("25 MB"), qPrintable(blob.errorMessage()));
        QVERIFY(leftovers(m_dir->path()).isEmpty());
        QCOMPARE(blobCount(m_dir->path()), 0);
    }

    void readErrorLeavesNothing()
    {
        AttachmentStore store(m_dir->path());
        PatternDevice device(kMiB, true, 1000);
        const auto blob = store.put(device, u"broken.log");
        QCOMPARE(blob.errorCode(), ErrorCode::Storage);
        QVERIFY(blob.errorMessage().contains("the disk is on fire"));
        QVERIFY(blob.errorMessage().contains("broken.log"));
        QVERIFY(leftovers(m_dir->path()).isEmpty());
        QCOMPARE(blobCount(m_dir->path()), 0);
    }

    void putFile()
    {
        AttachmentStore store(m_dir->path() + "/store");
        const QString path = m_dir->filePath("보고서.txt");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("line one\n");
        file.close();
        const auto blob = store.putFile(path);
        QVERIFY2(blob.ok(), qPrintable(blob.errorMessage()));
        QCOMPARE(blob->fileName, "보고서.txt");
        QCOMPARE(blob->mediaType, "text/plain");

        const QString missing = m_dir->filePath("missing.txt");
        const auto notThere = store.putFile(missing);
        QCOMPARE(notThere.errorCode(), ErrorCode::NotFound);
        QVERIFY(notThere.errorMessage().contains(QDir::toNativeSeparators(missing)));
        QCOMPARE(store.putFile(m_dir->path()).errorCode(), ErrorCode::InvalidArgument);

        QVERIFY(file.setPermissions(QFileDevice::Permissions{}));
        if (file.open(QIODevice::ReadOnly))
            QSKIP("running with privileges that read any file (root)");
        const auto unreadable = store.putFile(path);
        QCOMPARE(unreadable.errorCode(), ErrorCode::Storage);
        QVERIFY2(unreadable.errorMessage().contains(QDir::toNativeSeparators(path)),
                 qPrintable(unreadable.errorMessage()));
    }

    void verifyDetectsCorruption()
    {
        AttachmentStore store(m_dir->path() + "/store");
        const auto blob = store.putBytes(QByteArray(5000, 'a'), u"a.txt");
        QVERIFY(blob.ok());
        QVERIFY(store.verify(blob->sha256).ok());
        {
            QFile file(store.pathFor(blob->sha256));
            QVERIFY(file.open(QIODevice::ReadWrite));
            file.seek(1234);
            file.write("b");
        }
        const auto verified = store.verify(blob->sha256);
        QCOMPARE(verified.errorCode(), ErrorCode::Storage);
        QVERIFY(verified.errorMessage().contains(blob->sha256));
        QVERIFY(verified.errorMessage().contains("damaged"));

        // A damaged blob is never exported, and nothing is left behind.
        const QString out = m_dir->filePath("out");
        QVERIFY(QDir().mkpath(out));
        QCOMPARE(store.exportTo(blob->sha256, out, u"a.txt").errorCode(), ErrorCode::Storage);
        QVERIFY(QDir(out).isEmpty());

        QCOMPARE(store.verify(QString(64, u'0')).errorCode(), ErrorCode::NotFound);
    }

    void concurrentPutsStoreOnce()
    {
        AttachmentStore store(m_dir->path());
        const QByteArray bytes(3 * kMiB, 'z');
        std::vector<hd::Result<hd::StoredBlob>> results(4, hd::Error{});
        std::vector<std::thread> threads;
        for (auto &result : results)
            threads.emplace_back([&] { result = store.putBytes(bytes, u"same.bin"); });
        for (auto &thread : threads)
            thread.join();
        int written = 0;
        for (const auto &result : results) {
            QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
            QCOMPARE(result->sha256, results.front()->sha256);
            written += result->deduplicated ? 0 : 1;
        }
        QCOMPARE(written, 1);
        QCOMPARE(blobCount(m_dir->path()), 1);
        QVERIFY(leftovers(m_dir->path()).isEmpty());
        QVERIFY(store.verify(results.front()->sha256).ok());
    }

    void repairsTruncatedBlob()
    {
        AttachmentStore store(m_dir->path());
        const auto blob = store.putBytes("complete content", u"a.txt");
        QVERIFY(blob.ok());
        QVERIFY(QFile(store.pathFor(blob->sha256)).resize(3));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression("replacing damaged attachment"));
        const auto again = store.putBytes("complete content", u"a.txt");
        QVERIFY(again.ok());
        QVERIFY(!again->deduplicated);
        QVERIFY(store.verify(blob->sha256).ok());
    }

    void rejectsHostileHashes_data()
    {
        QTest::addColumn<QString>("sha256");
        const QString valid(64, u'a');
        QTest::newRow("parent path") << "../etc/passwd";
        QTest::newRow("parent path, 64 chars") << "../../" + QString(58, u'a');
        QTest::newRow("upper-case hex") << QString(64, u'A');
        QTest::newRow("63 chars") << valid.left(63);
        QTest::newRow("65 chars") << valid + u'a';
        QTest::newRow("empty") << QString();
        QTest::newRow("not hex") << valid.left(63) + u'g';
        QTest::newRow("slash inside") << valid.left(30) + u'/' + valid.left(33);
        QTest::newRow("NUL inside") << valid.left(63) + QChar(0);
        QTest::newRow("full-width digits") << QString(64, QChar(0xFF11));
    }
    void rejectsHostileHashes()
    {
        QFETCH(QString, sha256);
        AttachmentStore store(m_dir->path());
        QVERIFY(store.pathFor(sha256).isEmpty());
        QVERIFY(!store.contains(sha256));
        QVERIFY(!store.open(sha256));
        QCOMPARE(store.verify(sha256).errorCode(), ErrorCode::InvalidArgument);
        QCOMPARE(store.remove(sha256).errorCode(), ErrorCode::InvalidArgument);
        QCOMPARE(store.exportTo(sha256, m_dir->path(), u"x").errorCode(),
                 ErrorCode::InvalidArgument);
    }

    void emptyRootStoresNothing()
    {
        AttachmentStore store({});
        QCOMPARE(store.putBytes("x", u"x.txt").errorCode(), ErrorCode::Storage);
        QVERIFY(store.pathFor(QString(64, u'a')).isEmpty());
    }

    void removes()
    {
        AttachmentStore store(m_dir->path());
        const auto blob = store.putBytes("bye", u"bye.txt");
        QVERIFY(blob.ok());
        QVERIFY(store.remove(blob->sha256).ok());
        QVERIFY(!store.contains(blob->sha256));
        QCOMPARE(store.remove(blob->sha256).errorCode(), ErrorCode::NotFound);
        QVERIFY(!store.open(blob->sha256));
    }

    void exportNeverOverwrites()
    {
        AttachmentStore store(m_dir->path() + "/store");
        const QString out = m_dir->filePath("out");
        QVERIFY(QDir().mkpath(out));
        QFile existing(out + "/report.pdf");
        QVERIFY(existing.open(QIODevice::WriteOnly));
        existing.write("mine, keep me");
        existing.close();

        const auto blob = store.putBytes("%PDF-1.7 content", u"report.pdf");
        QVERIFY(blob.ok());
        QCOMPARE(blob->mediaType, "application/pdf");
        const QStringList expected{"report (1).pdf", "report (2).pdf", "report (3).pdf"};
        for (const QString &name : expected) {
            const auto path = store.exportTo(blob->sha256, out, u"report.pdf");
            QVERIFY2(path.ok(), qPrintable(path.errorMessage()));
            QCOMPARE(*path, out + u'/' + name);
            QFile copy(*path);
            QVERIFY(copy.open(QIODevice::ReadOnly));
            QCOMPARE(copy.readAll(), "%PDF-1.7 content");
        }
        QVERIFY(existing.open(QIODevice::ReadOnly));
        QCOMPARE(existing.readAll(), "mine, keep me");

        const auto hostile = store.exportTo(blob->sha256, out, u"../../evil.tar.gz");
        QVERIFY(hostile.ok());
        QCOMPARE(*hostile, out + "/evil.tar.gz");
        const auto again = store.exportTo(blob->sha256, out, u"../../evil.tar.gz");
        QCOMPARE(*again, out + "/evil (1).tar.gz");

        const auto noFolder = store.exportTo(blob->sha256, out + "/nope", u"a.pdf");
        QCOMPARE(noFolder.errorCode(), ErrorCode::NotFound);
        QCOMPARE(store.exportTo(QString(64, u'0'), out, u"a.pdf").errorCode(), ErrorCode::NotFound);
    }

    void storeSanitizesAndSniffs()
    {
        AttachmentStore store(m_dir->path());
        const auto blob = store.putBytes(QByteArray("MZ\x90\0\x03\0\0\0", 8) + QByteArray(200, 0),
                                         u"C:\\Temp\\invoice\u202Efdp.pdf ");
        QVERIFY(blob.ok());
        QCOMPARE(blob->fileName, "invoicefdp.pdf");
        QCOMPARE(blob->mediaType, "application/x-msdownload");
        QVERIFY(hd::isBlockedType(blob->mediaType, blob->fileName));
    }

    void sanitize_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        const auto row = [](const char *tag, const QString &in, const QString &out) {
            QTest::newRow(tag) << in << out;
        };
        row("plain", "report.pdf", "report.pdf");
        row("unix path", "../../etc/passwd", "passwd");
        row("windows path", "C:\\Users\\kim\\file.txt", "file.txt");
        row("mixed separators", "a/b\\c.txt", "c.txt");
        row("NUL", QString::fromUtf8("a\0b.txt", 7), "ab.txt");
        row("control chars", "a\tb\nc\x7f\x1b.txt", "abc.txt");
        row("C1 control", u16(u"a\u0085b"), "ab");
        row("windows chars", "what?<is>:this|\"*.txt", "whatisthis.txt");
        row("CON", "CON", "_CON");
        row("con.txt", "con.txt", "_con.txt");
        row("LPT9.log", "LPT9.log", "_LPT9.log");
        row("Com1", "Com1", "_Com1");
        row("nul double ext", "nul.tar.gz", "_nul.tar.gz");
        row("aux with space", " aux .txt", "_aux .txt");
        row("COM superscript", u16(u"COM\u00b9"), u16(u"_COM\u00b9"));
        row("not reserved", "CONSOLE.txt", "CONSOLE.txt");
        row("hidden", "  .hidden. ", "hidden");
        row("dot", ".", "attachment");
        row("dot dot", "..", "attachment");
        row("empty", "", "attachment");
        row("spaces", "   ", "attachment");
        row("only separators", "///", "attachment");
        row("trailing separator", "dir/", "attachment");
        row("NFD hangul", u16(u"한글.txt").normalized(QString::NormalizationForm_D),
            u16(u"한글.txt"));
        row("combining accent", u16(u"cafe\u0301.txt"), u16(u"caf\u00e9.txt"));
        row("bidi override", u16(u"invoice\u202Efdp.exe"), "invoicefdp.exe");
        row("lone surrogate", QString(QChar(0xD800)) + "x.txt", "x.txt");
        // 300 bytes of Korean: 251 bytes are left for the name beside ".pdf", 83 syllables.
        row("korean 300 bytes", korean(100) + ".pdf", korean(83) + ".pdf");
        row("emoji pairs", u16(u"😀").repeated(70) + ".txt", u16(u"😀").repeated(62) + ".txt");
        row("long ascii", QString(300, u'a'), QString(255, u'a'));
        row("long extension", "a." + QString(300, u'x'), "a." + QString(253, u'x'));
        row("cut before space", QString(250, u'a') + "    b.txt", QString(250, u'a') + ".txt");
    }
    void sanitize()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        const QString result = hd::sanitizeFileName(input);
        QCOMPARE(result, expected);
        QVERIFY(result.toUtf8().size() <= hd::kMaxFileNameBytes);
        QCOMPARE(QString::fromUtf8(result.toUtf8()), result); // no broken surrogate pair
        QCOMPARE(hd::sanitizeFileName(result), result);
        const auto validated = hd::validateFileName(result);
        QVERIFY2(validated.ok(), qPrintable(validated.errorMessage()));
    }

    void validateRejects_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("reason");
        const auto row = [](const char *tag, const QString &name, const QString &reason) {
            QTest::newRow(tag) << name << reason;
        };
        row("empty", "", "empty");
        row("dot", ".", "folder");
        row("dot dot", "..", "folder");
        row("traversal", "../etc/passwd", "path separator");
        row("backslash", "a\\b.txt", "path separator");
        row("NUL", QString::fromUtf8("a\0b.txt", 7), "NUL");
        row("newline", "a\nb.txt", "control character U+000A");
        row("bidi", u16(u"a\u202Eb.txt"), "U+202E");
        row("colon", "a:b.txt", "Windows does not allow");
        row("CON", "CON", "reserved");
        row("con.txt", "con.txt", "reserved");
        row("LPT9.log", "LPT9.log", "reserved");
        row("leading space", " a.txt", "dot or a space");
        row("trailing dot", "a.txt.", "dot or a space");
        row("hidden", ".bashrc", "dot or a space");
        row("korean 300 bytes", korean(100), "300 bytes");
        row("lone surrogate", QString(QChar(0xDC00)) + "x", "Unicode");
    }
    void validateRejects()
    {
        QFETCH(QString, name);
        QFETCH(QString, reason);
        const auto result = hd::validateFileName(name);
        QCOMPARE(result.errorCode(), ErrorCode::InvalidArgument);
        QVERIFY2(result.errorMessage().contains(reason), qPrintable(result.errorMessage()));
        QVERIFY(!result.errorMessage().contains(QChar(0)));
        QVERIFY(hd::sanitizeFileName(name) != name);
    }

    void messagesShowHostileNamesSafely()
    {
        const auto nul = hd::validateFileName(QString::fromUtf8("a\0b.txt", 7));
        QVERIFY2(nul.errorMessage().contains("'a\\u0000b.txt'"), qPrintable(nul.errorMessage()));
        const auto bidi = hd::validateFileName(u16(u"x\u202Efdp.exe"));
        QVERIFY2(bidi.errorMessage().contains("x\\u202Efdp.exe"), qPrintable(bidi.errorMessage()));
        const auto longName = hd::validateFileName(QString(1000, u'a'));
        QVERIFY(longName.errorMessage().size() < 300);
    }

    void validateAccepts()
    {
        const QString nfc = u16(u"한글 문서 (최종).hwp");
        const auto result = hd::validateFileName(nfc.normalized(QString::NormalizationForm_D));
        QVERIFY(result.ok());
        QCOMPARE(*result, nfc);
        QVERIFY(hd::validateFileName(korean(85)).ok()); // 255 bytes exactly
        QVERIFY(hd::validateFileName(u"CONSOLE.log").ok());
    }

    void sniff_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected");
        const auto row = [](const char *tag, const QByteArray &head, const QString &name,
                            const QString &expected) {
            QTest::newRow(tag) << head << name << expected;
        };
        const auto bytes = [](const char *data, int size) {
            return QByteArray(data, size);
        };
        const QString ooxml = "application/vnd.openxmlformats-officedocument.";
        const QByteArray types = zipEntry("[Content_Types].xml");
        row("png", bytes("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), "x.png", "image/png");
        row("jpeg", bytes("\xff\xd8\xff\xe0\0\x10JFIF", 10), "", "image/jpeg");
        row("gif", "GIF89a\x01", "x", "image/gif");
        row("webp", bytes("RIFF\x10\0\0\0WEBPVP8 ", 16), "x", "image/webp");
        row("bmp", bytes("BM\x46\0\0\0\0\0\0\0\x36\0\0\0\x28\0\0\0", 18), "", "image/bmp");
        row("pdf", "%PDF-1.7\n%\xe2\xe3", "doc", "application/pdf");
        row("zip", zipEntry("notes/readme.txt"), "a.zip", "application/zip");
        row("docx", types + zipEntry("word/document.xml"), "x.bin",
            ooxml + "wordprocessingml.document");
        row("xlsx", types + zipEntry("xl/workbook.xml"), "", ooxml + "spreadsheetml.sheet");
        row("pptx", types + zipEntry("ppt/slides/1.xml"), "",
            ooxml + "presentationml.presentation");
        row("odt", zipEntry("mimetype", "application/vnd.oasis.opendocument.text") + types, "",
            "application/vnd.oasis.opendocument.text");
        row("jar", zipEntry("META-INF/MANIFEST.MF"), "x.zip", "application/java-archive");
        row("gzip", bytes("\x1f\x8b\x08\0\0\0\0\0", 8), "", "application/gzip");
        row("7z", "7z\xbc\xaf\x27\x1c", "", "application/x-7z-compressed");
        row("rar4", bytes("Rar!\x1a\x07\0\xcf", 8), "", "application/vnd.rar");
        row("rar5", bytes("Rar!\x1a\x07\x01\0", 8), "", "application/vnd.rar");
        row("mp3 id3", bytes("ID3\x04\0\0\0\0\0\x21", 10), "", "audio/mpeg");
        row("mp3 frame", bytes("\xff\xfb\x90\x64\0\0", 6), "", "audio/mpeg");
        row("mp4", bytes("\0\0\0 ftypisom\0\0\x02\0", 16), "", "video/mp4");
        row("heic", bytes("\0\0\0\030ftypheic\0\0\0\0", 16), "", "image/heic");
        row("ogg", bytes("OggS\0\x02\0\0\0\0\0\0\0\0\x01vorbis", 22), "", "audio/ogg");
        row("wav", bytes("RIFF\x24\0\0\0WAVEfmt ", 16), "", "audio/wav");
        row("eml received",
            "Received: from mx.example.com\r\n\tby x; Mon, 1 Jan 2024\r\n"
            "From: a@example.com\r\nSubject: hi\r\n\r\nbody",
            "", "message/rfc822");
        row("eml from", "From: Kim <kim@example.com>\nTo: b@example.com\n\nhi", "mail",
            "message/rfc822");
        row("note is not mail", "From: the team\nThis is a note.\n", "", "text/plain");
        row("html doctype", "\xef\xbb\xbf  <!DOCTYPE html>\n<html>", "", "text/html");
        row("html tag", "<HTML><body>x", "", "text/html");
        row("xml", "<?xml version=\"1.0\"?><root/>", "", "application/xml");
        row("svg", "<?xml version=\"1.0\"?>\n<svg xmlns=\"x\"/>", "", "image/svg+xml");
        row("json object", " {\"a\": 1}", "", "application/json");
        row("json array", "[1, 2]", "", "application/json");
        row("ini is not json", "[network]\nkey=1\n", "", "text/plain");
        row("korean text", u16(u"안녕하세요\n").toUtf8(), "", "text/plain");
        row("utf-8 cut at the end", u16(u"가나").toUtf8().chopped(1), "", "text/plain");
        row("utf-16 bom", bytes("\xff\xfeh\0i\0", 6), "", "text/plain");
        row("pe", bytes("MZ\x90\0\x03\0\0\0\x04\0", 10), "a.txt", "application/x-msdownload");
        row("elf", bytes("\177ELF\x02\x01\x01\0", 8), "", "application/x-executable");
        row("mach-o 64", bytes("\xcf\xfa\xed\xfe\x07\0\0\x01", 8), "", "application/x-mach-binary");
        row("mach-o fat", bytes("\xca\xfe\xba\xbe\0\0\0\x02", 8), "", "application/x-mach-binary");
        row("java class", bytes("\xca\xfe\xba\xbe\0\0\0\x34", 8), "", "application/java-vm");
        row("shebang", "#!/bin/sh\nrm -rf /\n", "notes.txt", "application/x-shellscript");
        row("MZ in text", "MZ Corp annual report\n", "", "text/plain");
        // The content wins over the name.
        row("png that is a zip", zipEntry("a.txt"), "photo.png", "application/zip");
        row("png that is text", "hello\n", "photo.png", "text/plain");
        row("txt that is binary", bytes("\x01\x02\x03\0\xfe", 5), "a.txt",
            "application/octet-stream");
        row("png without signature", bytes("\x01\x02\0", 3), "a.png", "application/octet-stream");
        row("html name on text", "just words\n", "page.html", "text/plain");
        // A more specific name refines a generic content type.
        row("docx by name", types, "report.docx", ooxml + "wordprocessingml.document");
        row("csv by name", "a,b\n1,2\n", "data.csv", "text/csv");
        // Nothing to look at: the name decides.
        row("empty txt", {}, "notes.txt", "text/plain");
        row("empty png", {}, "photo.png", "image/png");
        row("empty no name", {}, "", "application/octet-stream");
        row("unknown binary", bytes("\x01\x02\x03\0", 4), "blob", "application/octet-stream");
    }
    void sniff()
    {
        QFETCH(QByteArray, head);
        QFETCH(QString, name);
        QFETCH(QString, expected);
        QCOMPARE(hd::sniffMediaType(head, name), expected);
    }

    void blocked_data()
    {
        QTest::addColumn<QString>("mediaType");
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("blocked");
        const auto row = [](const char *tag, const QString &type, const QString &name, bool on) {
            QTest::newRow(tag) << type << name << on;
        };
        row("pe content", "application/x-msdownload", "a.pdf", true);
        row("elf content", "application/x-executable", "a", true);
        row("mach-o content", "application/x-mach-binary", "a", true);
        row("script with params", "text/javascript; charset=utf-8", "a", true);
        for (const char *name :
             {"setup.EXE", "run.bat", "x.cmd", "y.com", "s.scr", "a.js", "b.vbs", "p.ps1", "i.msi",
              "j.jar", "k.app", "l.sh", "invoice.pdf.exe", "trailing.exe.", "C:\\dir\\x.lnk"})
            row(name, "application/octet-stream", name, true);
        row("pdf", "application/pdf", "report.pdf", false);
        row("jpeg", "image/jpeg", "photo.jpg", false);
        row("exe without dot", "text/plain", "exe", false);
    }
    void blocked()
    {
        QFETCH(QString, mediaType);
        QFETCH(QString, name);
        QFETCH(bool, blocked);
        QCOMPARE(hd::isBlockedType(mediaType, name), blocked);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(TestAttachmentStore)
#include "tst_attachmentstore.moc"
