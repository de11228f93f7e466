// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/domain/ticket.h"

#include <QCoreApplication>

class QImage;

namespace hd {

class AttachmentStore;

/// Takes files, pasted screenshots and long pasted text into the attachment store, with the
/// checks an agent needs explained: missing, unreadable, over the size limit, blocked types
/// (programs and scripts). Every error message names the file and says what to do.
class AttachmentIntake
{
    Q_DECLARE_TR_FUNCTIONS(hd::AttachmentIntake)
public:
    explicit AttachmentIntake(AttachmentStore &store);

    /// A file from the disk (attach button, drop, pasted file URL).
    Result<AttachmentRef> addFile(const QString &path);
    /// Bytes under a name (pasted text, generated files).
    Result<AttachmentRef> addBytes(const QByteArray &bytes, const QString &name);
    /// A pasted image, stored as PNG under `name` (e.g. screenshotName()).
    Result<AttachmentRef> addImage(const QImage &image, const QString &name);

    /// "screenshot-20250106-090000.png" in local time.
    static QString screenshotName(const QDateTime &now);
    /// "pasted-text-20250106-090000.txt" in local time.
    static QString pastedTextName(const QDateTime &now);

    /// "12.3 MB" in the UI language.
    static QString formatSize(qint64 bytes);

private:
    Result<AttachmentRef> checked(const QByteArray &head, const QString &name, qint64 size);
    AttachmentStore &m_store;
};

} // namespace hd
