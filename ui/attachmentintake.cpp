// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/attachmentintake.h"

#include "core/storage/attachmentstore.h"
#include "core/storage/filenames.h"
#include "core/storage/mediatype.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLocale>

namespace hd {

namespace {
AttachmentRef refFrom(const StoredBlob &b)
{
    return AttachmentRef{b.sha256, b.fileName, b.mediaType, b.size};
}
} // namespace

AttachmentIntake::AttachmentIntake(AttachmentStore &store)
    : m_store(store)
{ }

QString AttachmentIntake::formatSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString AttachmentIntake::screenshotName(const QDateTime &now)
{
    return QStringLiteral("screenshot-%1.png")
        .arg(now.toLocalTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
}

QString AttachmentIntake::pastedTextName(const QDateTime &now)
{
    return QStringLiteral("pasted-text-%1.txt")
        .arg(now.toLocalTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
}

Result<AttachmentRef> AttachmentIntake::checked(const QByteArray &head, const QString &name,
                                                qint64 size)
{
    const QString shown = sanitizeFileName(name);
    if (size > m_store.maxFileBytes())
        return Error{ErrorCode::TooLarge,
                     tr("“%1” is %2; attachments can be at most %3. Share a link to the file or "
                        "send a smaller one.")
                         .arg(shown, formatSize(size), formatSize(m_store.maxFileBytes()))};
    const QString type = sniffMediaType(head, shown);
    if (isBlockedType(type, shown))
        return Error{ErrorCode::InvalidArgument,
                     tr("“%1” was not attached: programs and scripts are blocked because they "
                        "can harm the computer that opens them. Put it in a ZIP archive or "
                        "share a link instead.")
                         .arg(shown)};
    return AttachmentRef{{}, shown, type, size};
}

Result<AttachmentRef> AttachmentIntake::addFile(const QString &path)
{
    const QFileInfo info(path);
    const QString name = info.fileName();
    if (!info.exists())
        return Error{ErrorCode::NotFound,
                     tr("“%1” does not exist any more; it may have been moved or deleted.")
                         .arg(name.isEmpty() ? path : name)};
    if (info.isDir())
        return Error{
            ErrorCode::InvalidArgument,
            tr("“%1” is a folder. Attach the files in it, or a ZIP archive of it.").arg(name)};
    if (info.size() > m_store.maxFileBytes()) // before reading a byte of it
        return checked({}, name, info.size());
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{ErrorCode::Storage,
                     tr("“%1” cannot be read (%2). Check that you may open it and try again.")
                         .arg(name, file.errorString())};
    const QByteArray head = file.read(kSniffBytes);
    if (head.isEmpty() && info.size() > 0)
        return Error{ErrorCode::Storage,
                     tr("“%1” cannot be read (%2). Check that you may open it and try again.")
                         .arg(name, file.errorString())};
    if (auto ok = checked(head, name, info.size()); !ok)
        return ok.error();
    file.seek(0);
    auto stored = m_store.put(file, name);
    if (!stored) {
        if (stored.errorCode() == ErrorCode::TooLarge) // grew while we read it
            return checked({}, name, m_store.maxFileBytes() + 1);
        return Error{stored.errorCode(),
                     tr("“%1” could not be attached: %2").arg(name, stored.errorMessage())};
    }
    return refFrom(*stored);
}

Result<AttachmentRef> AttachmentIntake::addBytes(const QByteArray &bytes, const QString &name)
{
    if (auto ok = checked(bytes.left(kSniffBytes), name, bytes.size()); !ok)
        return ok.error();
    auto stored = m_store.putBytes(bytes, name);
    if (!stored)
        return Error{stored.errorCode(),
                     tr("“%1” could not be attached: %2").arg(name, stored.errorMessage())};
    return refFrom(*stored);
}

Result<AttachmentRef> AttachmentIntake::addImage(const QImage &image, const QString &name)
{
    if (image.isNull())
        return Error{ErrorCode::InvalidArgument, tr("The pasted image is empty.")};
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "PNG"))
        return Error{ErrorCode::Internal, tr("The pasted image could not be converted to PNG.")};
    return addBytes(png, name);
}

} // namespace hd
