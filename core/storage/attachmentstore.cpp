// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/storage/attachmentstore.h"

#include "core/base/logging.h"
#include "core/storage/filenames.h"
#include "core/storage/mediatype.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QTemporaryFile>

#if defined(Q_OS_UNIX)
#include <unistd.h>
#elif defined(Q_OS_WIN)
#include <io.h>
#endif

namespace hd {
namespace {

constexpr qint64 kChunkBytes = 64 * 1024;
constexpr int kReadTimeoutMs = 30'000;
constexpr int kMaxExportCopies = 9999;

/// Closes and deletes a file when leaving the scope, unless released: no partial file survives
/// a failure.
class RemoveOnExit
{
public:
    explicit RemoveOnExit(QFile &file)
        : m_file(file)
        , m_path(file.fileName())
    { }
    ~RemoveOnExit()
    {
        if (m_path.isEmpty())
            return;
        m_file.close(); // Windows cannot delete an open file
        if (!QFile::remove(m_path))
            qCWarning(lcStorage) << "could not delete the unfinished file" << m_path;
    }
    RemoveOnExit(const RemoveOnExit &) = delete;
    RemoveOnExit &operator=(const RemoveOnExit &) = delete;
    void release() { m_path.clear(); }

private:
    QFile &m_file;
    QString m_path;
};

/// Flushes Qt's and the system's buffers, so a renamed file is complete after a crash.
bool syncToDisk(QFile &file)
{
    if (!file.flush())
        return false;
#if defined(Q_OS_UNIX)
    return ::fsync(file.handle()) == 0;
#elif defined(Q_OS_WIN)
    return ::_commit(file.handle()) == 0;
#else
    return true;
#endif
}

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

/// A caller-supplied hash shown in a message: bounded and printable.
QString shownHash(const QString &sha256)
{
    QString out = sha256.left(80);
    for (QChar &c : out) {
        if (!c.isPrint())
            c = u'?';
    }
    return out;
}

QString megabytes(qint64 bytes)
{
    return QLocale().toString(double(bytes) / (1024.0 * 1024.0), 'g', 4);
}

Error storageError(QString message)
{
    return Error{ErrorCode::Storage, std::move(message)};
}

Error invalidHash(const QString &sha256)
{
    return Error{ErrorCode::InvalidArgument,
                 QCoreApplication::translate("hd::AttachmentStore",
                                             "'%1' is not a valid attachment checksum (64 "
                                             "lower-case hexadecimal digits).")
                     .arg(shownHash(sha256))};
}

Error missingBlob(const QString &sha256)
{
    return Error{
        ErrorCode::NotFound,
        QCoreApplication::translate("hd::AttachmentStore", "The attachment %1 is not in the store.")
            .arg(sha256)};
}

Error damagedBlob(const QString &sha256)
{
    return storageError(QCoreApplication::translate(
                            "hd::AttachmentStore",
                            "The attachment %1 is damaged: its content no longer matches its "
                            "checksum.")
                            .arg(sha256));
}

} // namespace

AttachmentStore::AttachmentStore(QString rootDir, qint64 maxFileBytes)
    : m_root(rootDir.isEmpty() ? QString() : QDir(rootDir).absolutePath())
    , m_maxFileBytes(maxFileBytes)
{ }

bool AttachmentStore::isValidSha256(QStringView sha256)
{
    if (sha256.size() != 64)
        return false;
    for (const QChar c : sha256) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return false;
    }
    return true;
}

QString AttachmentStore::pathFor(const QString &sha256) const
{
    if (!isValidSha256(sha256) || m_root.isEmpty())
        return {};
    return m_root % u'/' % QStringView(sha256).left(2) % u'/' % QStringView(sha256).mid(2, 2) % u'/'
        % sha256;
}

bool AttachmentStore::contains(const QString &sha256) const
{
    const QString path = pathFor(sha256);
    return !path.isEmpty() && QFileInfo(path).isFile();
}

std::unique_ptr<QIODevice> AttachmentStore::open(const QString &sha256) const
{
    const QString path = pathFor(sha256);
    if (path.isEmpty())
        return nullptr;
    auto file = std::make_unique<QFile>(path);
    if (!file->open(QIODevice::ReadOnly))
        return nullptr;
    return file;
}

Result<StoredBlob> AttachmentStore::put(QIODevice &source, QStringView originalName)
{
    StoredBlob blob;
    blob.fileName = sanitizeFileName(originalName);
    const auto tooLarge = [&] {
        return Error{ErrorCode::TooLarge,
                     QCoreApplication::translate("hd::AttachmentStore",
                                                 "'%1' is larger than the attachment limit of "
                                                 "%2 MB.")
                         .arg(blob.fileName, megabytes(m_maxFileBytes))};
    };
    if (m_root.isEmpty())
        return storageError(
            QCoreApplication::translate("hd::AttachmentStore",
                                        "The attachment store has no folder; '%1' was not stored.")
                .arg(blob.fileName));
    if ((!source.isOpen() && !source.open(QIODevice::ReadOnly)) || !source.isReadable())
        return storageError(
            QCoreApplication::translate("hd::AttachmentStore", "Cannot read '%1': %2")
                .arg(blob.fileName, source.errorString()));
    if (!source.isSequential() && source.size() - source.pos() > m_maxFileBytes)
        return tooLarge();

    const QString tmpDir = m_root + QStringLiteral("/tmp");
    if (!QDir().mkpath(tmpDir))
        return storageError(
            QCoreApplication::translate("hd::AttachmentStore", "Cannot create the folder '%1'.")
                .arg(native(tmpDir)));
    QTemporaryFile temp(tmpDir + QStringLiteral("/put-XXXXXX.part"));
    temp.setAutoRemove(false); // RemoveOnExit owns the clean-up, also after a failed rename
    if (!temp.open())
        return storageError(QCoreApplication::translate(
                                "hd::AttachmentStore", "Cannot create a temporary file in '%1': %2")
                                .arg(native(tmpDir), temp.errorString()));
    RemoveOnExit cleanup(temp);

    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray head;
    QByteArray buffer(kChunkBytes, Qt::Uninitialized);
    const auto writeFailed = [&] {
        return storageError(
            QCoreApplication::translate("hd::AttachmentStore",
                                        "Cannot write '%1' to the attachment store: %2")
                .arg(blob.fileName, temp.errorString()));
    };
    for (;;) {
        const qint64 n = source.read(buffer.data(), kChunkBytes);
        if (n < 0)
            return storageError(
                QCoreApplication::translate("hd::AttachmentStore", "Reading '%1' failed: %2")
                    .arg(blob.fileName, source.errorString()));
        if (n == 0) {
            // A socket or process may deliver more later; files and buffers are at their end.
            if (source.isSequential() && source.waitForReadyRead(kReadTimeoutMs))
                continue;
            break;
        }
        blob.size += n;
        if (blob.size > m_maxFileBytes)
            return tooLarge();
        const QByteArrayView chunk(buffer.constData(), n);
        hash.addData(chunk);
        if (head.size() < kSniffBytes)
            head.append(chunk.first(std::min<qint64>(n, kSniffBytes - head.size())));
        if (temp.write(chunk.data(), n) != n)
            return writeFailed();
    }
    if (!syncToDisk(temp))
        return writeFailed();

    blob.sha256 = QString::fromLatin1(hash.result().toHex());
    blob.mediaType = sniffMediaType(head, blob.fileName);
    const QString target = pathFor(blob.sha256);
    const QFileInfo existing(target);
    if (existing.exists()) {
        if (existing.size() == blob.size) {
            blob.deduplicated = true;
            return blob;
        }
        qCWarning(lcStorage) << "replacing damaged attachment" << target << "of" << existing.size()
                             << "bytes instead of" << blob.size;
        if (!QFile::remove(target))
            return storageError(QCoreApplication::translate("hd::AttachmentStore",
                                                            "Cannot replace the damaged "
                                                            "attachment '%1'.")
                                    .arg(native(target)));
    }
    if (!QDir().mkpath(existing.path()))
        return storageError(
            QCoreApplication::translate("hd::AttachmentStore", "Cannot create the folder '%1'.")
                .arg(native(existing.path())));
    // QTemporaryFile::rename() never copies and never replaces an existing file.
    if (!temp.rename(target)) {
        if (const QFileInfo now(target); now.exists() && now.size() == blob.size) {
            // stored meanwhile by another thread or process
            blob.deduplicated = true;
            return blob;
        }
        return storageError(
            QCoreApplication::translate("hd::AttachmentStore",
                                        "Cannot move '%1' into the attachment store at '%2': %3")
                .arg(blob.fileName, native(target), temp.errorString()));
    }
    cleanup.release();
    return blob;
}

Result<StoredBlob> AttachmentStore::putFile(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Error{
            ErrorCode::NotFound,
            QCoreApplication::translate("hd::AttachmentStore", "The file '%1' does not exist.")
                .arg(native(path))};
    if (info.isDir())
        return Error{
            ErrorCode::InvalidArgument,
            QCoreApplication::translate("hd::AttachmentStore", "'%1' is a folder, not a file.")
                .arg(native(path))};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return storageError(
            QCoreApplication::translate("hd::AttachmentStore", "Cannot read the file '%1': %2")
                .arg(native(path), file.errorString()));
    return put(file, info.fileName());
}

Result<StoredBlob> AttachmentStore::putBytes(const QByteArray &bytes, QStringView name)
{
    QByteArray copy = bytes; // implicitly shared: no copy of the data
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    return put(buffer, name);
}

Result<void> AttachmentStore::verify(const QString &sha256) const
{
    const QString path = pathFor(sha256);
    if (path.isEmpty())
        return invalidHash(sha256);
    QFile file(path);
    if (!file.exists())
        return missingBlob(sha256);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!file.open(QIODevice::ReadOnly) || !hash.addData(&file))
        return storageError(
            QCoreApplication::translate("hd::AttachmentStore", "Cannot read the attachment %1: %2")
                .arg(sha256, file.errorString()));
    if (QString::fromLatin1(hash.result().toHex()) != sha256)
        return damagedBlob(sha256);
    return {};
}

Result<void> AttachmentStore::remove(const QString &sha256)
{
    const QString path = pathFor(sha256);
    if (path.isEmpty())
        return invalidHash(sha256);
    QFile file(path);
    if (!file.exists())
        return missingBlob(sha256);
    // The fan-out folders stay: at most 65,536 of them, and removing them could race with put().
    if (!file.remove())
        return storageError(QCoreApplication::translate("hd::AttachmentStore",
                                                        "Cannot delete the attachment %1: %2")
                                .arg(sha256, file.errorString()));
    return {};
}

Result<QString> AttachmentStore::exportTo(const QString &sha256, const QString &directory,
                                          QStringView suggestedName) const
{
    const QString path = pathFor(sha256);
    if (path.isEmpty())
        return invalidHash(sha256);
    QFile source(path);
    if (!source.exists())
        return missingBlob(sha256);
    if (!QFileInfo(directory).isDir())
        return Error{
            ErrorCode::NotFound,
            QCoreApplication::translate("hd::AttachmentStore", "The folder '%1' does not exist.")
                .arg(native(directory))};
    if (!source.open(QIODevice::ReadOnly))
        return storageError(
            QCoreApplication::translate("hd::AttachmentStore", "Cannot read the attachment %1: %2")
                .arg(sha256, source.errorString()));

    // NewOnly (O_CREAT | O_EXCL) is the never-overwrite guarantee: taken names fail atomically.
    const QString name = sanitizeFileName(suggestedName);
    QFile out;
    for (int n = 0;; ++n) {
        if (n > kMaxExportCopies)
            return storageError(
                QCoreApplication::translate("hd::AttachmentStore",
                                            "There is no free file name for '%1' in '%2'.")
                    .arg(name, native(directory)));
        out.setFileName(QDir(directory).filePath(numberedFileName(name, n)));
        if (out.open(QIODevice::WriteOnly | QIODevice::NewOnly))
            break;
        const QFileInfo taken(out.fileName());
        if (!taken.exists() && !taken.isSymLink())
            return storageError(QCoreApplication::translate("hd::AttachmentStore",
                                                            "Cannot create the file '%1': %2")
                                    .arg(native(out.fileName()), out.errorString()));
    }
    RemoveOnExit cleanup(out);

    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray buffer(kChunkBytes, Qt::Uninitialized);
    for (;;) {
        const qint64 n = source.read(buffer.data(), kChunkBytes);
        if (n < 0)
            return storageError(QCoreApplication::translate("hd::AttachmentStore",
                                                            "Cannot read the attachment %1: %2")
                                    .arg(sha256, source.errorString()));
        if (n == 0)
            break;
        hash.addData(QByteArrayView(buffer.constData(), n));
        if (out.write(buffer.constData(), n) != n)
            return storageError(
                QCoreApplication::translate("hd::AttachmentStore", "Cannot write the file '%1': %2")
                    .arg(native(out.fileName()), out.errorString()));
    }
    if (QString::fromLatin1(hash.result().toHex()) != sha256)
        return damagedBlob(sha256);
    if (!syncToDisk(out))
        return storageError(
            QCoreApplication::translate("hd::AttachmentStore", "Cannot write the file '%1': %2")
                .arg(native(out.fileName()), out.errorString()));
    out.close();
    cleanup.release();
    return out.fileName();
}

} // namespace hd
