// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/attachmentpreview.h"

#include "core/channels/textdecode.h"
#include "core/storage/attachmentstore.h"
#include "ui/attachmentactions.h"
#include "ui/attachmentintake.h"

#include <QDir>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace hd {

namespace {
/// Cuts a UTF-8 prefix back to a character boundary so no replacement character shows.
QByteArray wholeCharacters(QByteArray bytes)
{
    int back = 0;
    while (back < 4 && back < bytes.size()
           && (quint8(bytes.at(bytes.size() - 1 - back)) & 0xC0) == 0x80)
        ++back;
    if (back < bytes.size() && (quint8(bytes.at(bytes.size() - 1 - back)) & 0x80))
        bytes.chop(back + 1); // a lead byte whose character is incomplete
    return bytes;
}
} // namespace

AttachmentPreview::AttachmentPreview(AttachmentStore &store, const AttachmentRef &attachment,
                                     QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_attachment(attachment)
{
    setObjectName(QStringLiteral("attachmentPreview"));
    auto *layout = new QVBoxLayout(this);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("previewTitle"));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_info = new QLabel(this);
    m_info->setObjectName(QStringLiteral("previewInfo"));
    m_info->setWordWrap(true);
    layout->addWidget(m_title);
    layout->addWidget(m_info);

    m_stack = new QStackedWidget(this);
    m_imageArea = new QScrollArea(m_stack);
    m_image = new QLabel;
    m_image->setObjectName(QStringLiteral("previewImage"));
    m_image->setAlignment(Qt::AlignCenter);
    m_imageArea->setWidget(m_image);
    m_imageArea->setWidgetResizable(true);
    m_text = new QPlainTextEdit(m_stack);
    m_text->setObjectName(QStringLiteral("previewText"));
    m_text->setReadOnly(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_none = new QLabel(m_stack);
    m_none->setObjectName(QStringLiteral("previewNone"));
    m_none->setAlignment(Qt::AlignCenter);
    m_none->setWordWrap(true);
    m_stack->addWidget(m_imageArea);
    m_stack->addWidget(m_text);
    m_stack->addWidget(m_none);
    layout->addWidget(m_stack, 1);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("previewError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->hide();
    layout->addWidget(m_error);

    auto *buttons = new QHBoxLayout;
    m_saveAs = new QPushButton(this);
    m_saveAs->setObjectName(QStringLiteral("previewSaveAs"));
    m_open = new QPushButton(this);
    m_open->setObjectName(QStringLiteral("previewOpen"));
    m_close = new QPushButton(this);
    m_close->setObjectName(QStringLiteral("previewClose"));
    buttons->addWidget(m_saveAs);
    buttons->addWidget(m_open);
    buttons->addStretch(1);
    buttons->addWidget(m_close);
    layout->addLayout(buttons);
    connect(m_saveAs, &QPushButton::clicked, this, &AttachmentPreview::saveAs);
    connect(m_open, &QPushButton::clicked, this, &AttachmentPreview::openWithSystem);
    connect(m_close, &QPushButton::clicked, this, &QDialog::accept);

    loadContent();
    retranslateUi();
    resize(720, 560);
}

QString AttachmentPreview::previewText() const
{
    return m_stack->currentWidget() == m_text ? m_text->toPlainText() : QString();
}

bool AttachmentPreview::showsImage() const
{
    return m_stack->currentWidget() == m_imageArea && !m_image->pixmap().isNull();
}

void AttachmentPreview::loadContent()
{
    auto device = m_store.open(m_attachment.sha256);
    if (!device) {
        m_stack->setCurrentWidget(m_none);
        showError(AttachmentActions::tr("The attachment “%1” is missing from the attachment store.")
                      .arg(m_attachment.fileName));
        m_saveAs->setEnabled(false);
        m_open->setEnabled(false);
        return;
    }
    if (AttachmentActions::isImage(m_attachment)) {
        QImageReader reader(device.get());
        reader.setAutoTransform(true);
        const QSize full = reader.size();
        if (full.isValid() && (full.width() > 4096 || full.height() > 4096))
            reader.setScaledSize(full.scaled(4096, 4096, Qt::KeepAspectRatio));
        const QImage img = reader.read();
        if (!img.isNull()) {
            m_image->setPixmap(QPixmap::fromImage(img));
            m_stack->setCurrentWidget(m_imageArea);
            return;
        }
    } else if (AttachmentActions::isText(m_attachment)) {
        QByteArray bytes = device->read(kMaxTextBytes);
        m_truncated = !device->atEnd();
        if (m_truncated)
            bytes = wholeCharacters(bytes);
        m_text->setPlainText(chat::decodeText(bytes));
        m_stack->setCurrentWidget(m_text);
        return;
    }
    m_stack->setCurrentWidget(m_none);
}

void AttachmentPreview::retranslateUi()
{
    setWindowTitle(tr("Attachment: %1").arg(m_attachment.fileName));
    m_title->setText(m_attachment.fileName);
    QString info = QStringLiteral("%1 · %2").arg(AttachmentIntake::formatSize(m_attachment.size),
                                                 m_attachment.mediaType);
    if (m_truncated)
        info += QLatin1Char('\n')
            + tr("Showing the first %1; save the file to see all of it.")
                  .arg(AttachmentIntake::formatSize(kMaxTextBytes));
    m_info->setText(info);
    m_none->setText(tr("No preview for this type of file. Save it or open it with another "
                       "application."));
    m_saveAs->setText(tr("Save as…"));
    m_open->setText(tr("Open with system"));
    m_close->setText(tr("Close"));
}

void AttachmentPreview::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void AttachmentPreview::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void AttachmentPreview::saveAs()
{
    auto saved = AttachmentActions::saveAs(this, m_store, m_attachment);
    if (!saved)
        showError(saved.errorMessage());
    else if (!saved->isEmpty())
        showError(QString());
}

void AttachmentPreview::openWithSystem()
{
    auto opened = AttachmentActions::openWithSystem(m_store, m_attachment);
    showError(opened ? QString() : opened.errorMessage());
}

} // namespace hd
