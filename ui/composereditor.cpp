// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/composereditor.h"

#include <QMimeData>

namespace hd {

namespace {
QList<QUrl> localFiles(const QMimeData *m)
{
    QList<QUrl> out;
    if (!m->hasUrls())
        return out;
    for (const QUrl &u : m->urls())
        if (u.isLocalFile())
            out << u;
    return out;
}
} // namespace

ComposerEditor::ComposerEditor(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setObjectName(QStringLiteral("composerEditor"));
    setTabChangesFocus(true);
}

bool ComposerEditor::canInsertFromMimeData(const QMimeData *source) const
{
    return !localFiles(source).isEmpty() || source->hasImage()
        || QPlainTextEdit::canInsertFromMimeData(source);
}

void ComposerEditor::insertFromMimeData(const QMimeData *source)
{
    if (const QList<QUrl> files = localFiles(source); !files.isEmpty()) {
        Q_EMIT filesReceived(files);
        return;
    }
    if (source->hasImage()) {
        const QImage image = qvariant_cast<QImage>(source->imageData());
        if (!image.isNull()) {
            Q_EMIT imageReceived(image);
            return;
        }
    }
    if (source->hasText()) {
        const QString text = source->text();
        if (text.size() > kMaxInlinePasteChars) {
            Q_EMIT longTextReceived(text);
            return;
        }
        insertPlainText(text); // plain text only: no foreign formatting in a reply
        ensureCursorVisible();
        return;
    }
    QPlainTextEdit::insertFromMimeData(source);
}

} // namespace hd
