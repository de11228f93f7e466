// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/domain/ticket.h"

#include <QCoreApplication>
#include <QIcon>
#include <QPixmap>
#include <QUrl>

#include <functional>
#include <optional>

class QWidget;

namespace hd {

class AttachmentStore;

/// What the conversation and the composer do with a stored attachment: thumbnails, save as,
/// open with the system's application. Tests script the file dialog and the desktop hand-off
/// through the hooks, so nothing interactive or external runs.
class AttachmentActions
{
    Q_DECLARE_TR_FUNCTIONS(hd::AttachmentActions)
public:
    [[nodiscard]] static bool isImage(const AttachmentRef &a);
    /// Text we can show: text/*, JSON, XML, logs, CSV (by media type or extension).
    [[nodiscard]] static bool isText(const AttachmentRef &a);

    /// A thumbnail of at most `edge` pixels for images (cached by hash), else a file icon.
    static QPixmap thumbnail(AttachmentStore &store, const AttachmentRef &a, int edge);
    static QIcon fileIcon(const AttachmentRef &a);

    /// Asks where to save (the attachment's sanitized name proposed) and copies the bytes.
    /// Returns the path written, or an empty string when the agent cancelled. Errors are shown
    /// by the caller.
    static Result<QString> saveAs(QWidget *parent, AttachmentStore &store, const AttachmentRef &a);
    /// Copies the attachment to a private temporary folder and opens it with the desktop's
    /// application for its type. Programs and scripts are never opened.
    static Result<void> openWithSystem(AttachmentStore &store, const AttachmentRef &a);

    /// Test hooks: the path the next save dialog returns (empty = cancelled), and a stand-in
    /// for QDesktopServices::openUrl.
    static void setNextSavePath(std::optional<QString> path);
    static void setOpenUrlHandler(std::function<bool(const QUrl &)> handler);
};

} // namespace hd
