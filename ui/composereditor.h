// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>
#include <QPlainTextEdit>
#include <QUrl>

namespace hd {

/// The composer's text field. Pasted or dropped files and images become attachments, and text
/// too long for a message is handed over instead of being inserted (the composer attaches it
/// as a file or refuses it); the text already written is never touched by either.
class ComposerEditor : public QPlainTextEdit
{
    Q_OBJECT
public:
    /// Longest text a single paste or drop inserts into the message.
    static constexpr qsizetype kMaxInlinePasteChars = 50'000;

    explicit ComposerEditor(QWidget *parent = nullptr);

Q_SIGNALS:
    void filesReceived(const QList<QUrl> &urls);
    void imageReceived(const QImage &image);
    void longTextReceived(const QString &text);

protected:
    bool canInsertFromMimeData(const QMimeData *source) const override;
    void insertFromMimeData(const QMimeData *source) override;
};

} // namespace hd
