// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/attachmentactions.h"

#include "core/storage/attachmentstore.h"
#include "core/storage/filenames.h"
#include "core/storage/mediatype.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QImageReader>
#include <QPixmapCache>
#include <QSaveFile>
#include <QStandardPaths>

namespace hd {

namespace {
std::optional<QString> g_nextSavePath;
std::function<bool(const QUrl &)> g_openUrl;

QString missing(const AttachmentRef &a)
{
    return AttachmentActions::tr("The attachment “%1” is missing from the attachment store.")
        .arg(a.fileName);
}
} // namespace

void AttachmentActions::setNextSavePath(std::optional<QString> path)
{
    g_nextSavePath = std::move(path);
}

void AttachmentActions::setOpenUrlHandler(std::function<bool(const QUrl &)> handler)
{
    g_openUrl = std::move(handler);
}

bool AttachmentActions::isImage(const AttachmentRef &a)
{
    static const QStringList kinds{QStringLiteral("image/png"), QStringLiteral("image/jpeg"),
                                   QStringLiteral("image/gif"), QStringLiteral("image/bmp"),
                                   QStringLiteral("image/webp")};
    return kinds.contains(a.mediaType);
}

bool AttachmentActions::isText(const AttachmentRef &a)
{
    if (a.mediaType.startsWith(QLatin1String("text/")) && a.mediaType != u"text/html")
        return true;
    static const QStringList types{QStringLiteral("application/json"),
                                   QStringLiteral("application/xml"),
                                   QStringLiteral("application/x-ndjson")};
    if (types.contains(a.mediaType))
        return true;
    static const QStringList exts{QStringLiteral(".log"), QStringLiteral(".txt"),
                                  QStringLiteral(".csv"), QStringLiteral(".json"),
                                  QStringLiteral(".md")};
    const QString ext = fileExtension(a.fileName).toString().toLower();
    return exts.contains(ext) && !a.mediaType.startsWith(QLatin1String("image/"))
        && a.mediaType != u"application/octet-stream";
}

QIcon AttachmentActions::fileIcon(const AttachmentRef &a)
{
    if (isImage(a))
        return QIcon::fromTheme(QStringLiteral("image-x-generic"),
                                QIcon(QStringLiteral(":/icons/file.svg")));
    return QIcon(QStringLiteral(":/icons/file.svg"));
}

QPixmap AttachmentActions::thumbnail(AttachmentStore &store, const AttachmentRef &a, int edge)
{
    if (!isImage(a))
        return fileIcon(a).pixmap(edge, edge);
    const QString key = QStringLiteral("hd-thumb-%1-%2").arg(a.sha256).arg(edge);
    QPixmap pm;
    if (QPixmapCache::find(key, &pm))
        return pm;
    auto device = store.open(a.sha256);
    if (!device)
        return fileIcon(a).pixmap(edge, edge);
    QImageReader reader(device.get());
    reader.setAutoTransform(true);
    const QSize full = reader.size();
    if (full.isValid() && (full.width() > edge || full.height() > edge))
        reader.setScaledSize(full.scaled(edge, edge, Qt::KeepAspectRatio));
    const QImage img = reader.read();
    if (img.isNull())
        return fileIcon(a).pixmap(edge, edge);
    pm = QPixmap::fromImage(img.width() > edge || img.height() > edge ? img.scaled(
                                edge, edge, Qt::KeepAspectRatio, Qt::SmoothTransformation)
                                                                      : img);
    QPixmapCache::insert(key, pm);
    return pm;
}

Result<QString> AttachmentActions::saveAs(QWidget *parent, AttachmentStore &store,
                                          const AttachmentRef &a)
{
    const QString name = sanitizeFileName(a.fileName);
    QString path;
    if (g_nextSavePath) {
        path = *g_nextSavePath;
        g_nextSavePath.reset();
    } else {
        QString folder = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
        if (folder.isEmpty())
            folder = QDir::homePath();
        path = QFileDialog::getSaveFileName(parent, tr("Save attachment"),
                                            QDir(folder).filePath(name));
    }
    if (path.isEmpty())
        return QString();
    // The agent may have typed a name the file system or a colleague's system would refuse.
    const QFileInfo chosen(path);
    const QString target = chosen.dir().filePath(sanitizeFileName(chosen.fileName()));
    auto in = store.open(a.sha256);
    if (!in)
        return Error{ErrorCode::NotFound, missing(a)};
    QSaveFile out(target);
    if (!out.open(QIODevice::WriteOnly))
        return Error{ErrorCode::Storage,
                     tr("“%1” cannot be written: %2")
                         .arg(QDir::toNativeSeparators(target), out.errorString())};
    while (!in->atEnd()) {
        const QByteArray chunk = in->read(64 * 1024);
        if (chunk.isEmpty() || out.write(chunk) != chunk.size()) {
            out.cancelWriting();
            return Error{ErrorCode::Storage,
                         tr("“%1” cannot be written: %2")
                             .arg(QDir::toNativeSeparators(target), out.errorString())};
        }
    }
    if (!out.commit())
        return Error{ErrorCode::Storage,
                     tr("“%1” cannot be written: %2")
                         .arg(QDir::toNativeSeparators(target), out.errorString())};
    return target;
}

Result<void> AttachmentActions::openWithSystem(AttachmentStore &store, const AttachmentRef &a)
{
    const QString name = sanitizeFileName(a.fileName);
    if (isBlockedType(a.mediaType, name))
        return Error{ErrorCode::Conflict,
                     tr("“%1” is a program or script; Helpdesk does not open those. Save it and "
                        "have it checked first.")
                         .arg(name)};
    if (!store.contains(a.sha256))
        return Error{ErrorCode::NotFound, missing(a)};
    const QString folder
        = QDir::temp().filePath(QStringLiteral("helpdesk-open/") + a.sha256.left(16));
    if (!QDir().mkpath(folder))
        return Error{ErrorCode::Storage,
                     tr("No temporary folder for “%1” could be made.").arg(name)};
    QString path = QDir(folder).filePath(name);
    if (QFileInfo(path).size() != a.size || !QFileInfo::exists(path)) {
        QFile::remove(path);
        auto written = store.exportTo(a.sha256, folder, name);
        if (!written)
            return written.error();
        path = *written;
    }
    const QUrl url = QUrl::fromLocalFile(path);
    const bool opened = g_openUrl ? g_openUrl(url) : QDesktopServices::openUrl(url);
    if (!opened)
        return Error{ErrorCode::NotFound,
                     tr("No application is set up to open “%1”. Use Save as… instead.").arg(name)};
    return {};
}

} // namespace hd
