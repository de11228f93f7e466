// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain/ticket.h"

#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QScrollArea;
class QStackedWidget;

namespace hd {

class AttachmentStore;

/// Shows an attachment: images scaled to the window, text and logs (the first 64 KiB, in
/// their encoding: UTF-8, UTF-16 or CP949), otherwise its name, type and size. Save as… and
/// Open with the system's application for every type.
class AttachmentPreview : public QDialog
{
    Q_OBJECT
public:
    static constexpr qint64 kMaxTextBytes = 64 * 1024;

    AttachmentPreview(AttachmentStore &store, const AttachmentRef &attachment,
                      QWidget *parent = nullptr);

    /// The shown text (empty unless a text preview).
    [[nodiscard]] QString previewText() const;
    /// Whether an image is shown.
    [[nodiscard]] bool showsImage() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void loadContent();
    void saveAs();
    void openWithSystem();
    void showError(const QString &message);

    AttachmentStore &m_store;
    AttachmentRef m_attachment;
    bool m_truncated = false;
    QLabel *m_title = nullptr;
    QLabel *m_info = nullptr;
    QStackedWidget *m_stack = nullptr;
    QScrollArea *m_imageArea = nullptr;
    QLabel *m_image = nullptr;
    QPlainTextEdit *m_text = nullptr;
    QLabel *m_none = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_saveAs = nullptr;
    QPushButton *m_open = nullptr;
    QPushButton *m_close = nullptr;
};

} // namespace hd
