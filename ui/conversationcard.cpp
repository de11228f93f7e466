// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/conversationcard.h"

#include "ui/attachmentactions.h"
#include "ui/attachmentintake.h"
#include "ui/attachmentpreview.h"
#include "ui/ticketdetailwidgets.h"

#include <QApplication>
#include <QClipboard>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QPainterPath>
#include <QPixmapCache>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace hd {

namespace {
/// Icons render from SVG; a thread shows the same few hundreds of times.
QPixmap iconPixmap(const QString &path, int edge)
{
    const QString key = QStringLiteral("hd-icon-%1-%2").arg(path).arg(edge);
    QPixmap pm;
    if (!QPixmapCache::find(key, &pm)) {
        pm = QIcon(path).pixmap(edge, edge);
        QPixmapCache::insert(key, pm);
    }
    return pm;
}

/// Colours are painted and set through palettes, not style sheets: a style sheet costs a
/// polish per widget, and a long thread has thousands of them.
struct Look
{
    const char *role;
    const char *icon;
    QRgb background, border, stripe, badge;
};

Look lookOf(const Message &m)
{
    if (m.visibility == Visibility::Internal)
        return {"note", ":/icons/lock.svg", 0xfff4d6, 0xe2a400, 0xd69e2e, 0x8a5a00};
    if (m.authorKind == AuthorKind::Customer)
        return {"customer", nullptr, 0xffffff, 0xcbd5e0, 0xa0aec0, 0x4a5568};
    return {"reply", ":/icons/globe.svg", 0xebf4ff, 0xbee3f8, 0x3182ce, 0x2c5282};
}

void setTextColor(QWidget *w, QColor color)
{
    QPalette p = w->palette();
    p.setColor(QPalette::WindowText, color);
    p.setColor(QPalette::Text, color);
    w->setPalette(p);
}

} // namespace

MessageCard::MessageCard(const ConversationItem &item, const QDateTime &now,
                         AttachmentStore &attachments, QWidget *parent)
    : QFrame(parent)
    , m_message(item.message)
    , m_attachments(attachments)
{
    const Look look = lookOf(m_message);
    m_background = QColor::fromRgb(look.background);
    m_border = QColor::fromRgb(look.border);
    m_stripe = QColor::fromRgb(look.stripe);
    setObjectName(QStringLiteral("message-%1").arg(m_message.id));
    setProperty("cardRole", QString::fromLatin1(look.role));
    setProperty("messageId", m_message.id);
    setFrameShape(QFrame::NoFrame);
    setTextColor(this, QColor(0x1a, 0x20, 0x2c)); // dark text on the light card in any theme
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 8, 10, 8);
    layout->setSpacing(4);

    auto *header = new QHBoxLayout;
    header->setSpacing(6);
    if (look.icon) {
        auto *icon = new QLabel(this);
        icon->setObjectName(QStringLiteral("messageIcon"));
        icon->setPixmap(iconPixmap(QString::fromLatin1(look.icon), 16));
        header->addWidget(icon);
    }
    auto *badge = new QLabel(this);
    badge->setObjectName(isInternalNote() ? QStringLiteral("noteBadge")
                                          : QStringLiteral("audienceBadge"));
    badge->setText(isInternalNote()
                       ? tr("Internal note")
                       : (m_message.authorKind == AuthorKind::Customer ? tr("Customer")
                                                                       : tr("Reply to customer")));
    setTextColor(badge, QColor::fromRgb(look.badge));
    QFont bold = badge->font();
    bold.setBold(true);
    badge->setFont(bold);
    header->addWidget(badge);
    auto *author = new QLabel(item.authorName, this);
    author->setObjectName(QStringLiteral("messageAuthor"));
    author->setTextFormat(Qt::PlainText);
    author->setMinimumWidth(0);
    makeWrapping(author);
    header->addWidget(author, 1);
    auto *time = new QLabel(ConversationText::when(m_message.createdAt, now), this);
    time->setObjectName(QStringLiteral("messageTime"));
    setTextColor(time, QColor(0x4a, 0x55, 0x68));
    time->setToolTip(QLocale().toString(m_message.createdAt.toLocalTime(), QLocale::LongFormat));
    header->addWidget(time);
    layout->addLayout(header);

    QString text = m_message.body;
    const bool cut = text.size() > kMaxShownChars;
    if (cut)
        text = text.left(kMaxShownChars) + QStringLiteral("…");
    m_body = new WrappedLabel(text, this);
    m_body->setObjectName(QStringLiteral("messageBody"));
    m_body->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_body->setContextMenuPolicy(Qt::CustomContextMenu);
    m_body->setVisible(!text.isEmpty());
    connect(m_body, &QLabel::customContextMenuRequested, this, &MessageCard::showBodyMenu);
    layout->addWidget(m_body);

    if (!m_message.attachments.isEmpty()) {
        auto *row = new QWidget(this);
        addAttachments(row);
        layout->addWidget(row);
    }

    if (cut || isInternalNote()) {
        auto *actions = new QHBoxLayout;
        actions->addStretch(1);
        if (cut) {
            auto *all
                = new QPushButton(tr("Show all (%L1 characters)").arg(m_message.body.size()), this);
            all->setObjectName(QStringLiteral("showAll"));
            connect(all, &QPushButton::clicked, this, &MessageCard::showFullText);
            actions->addWidget(all);
        }
        if (isInternalNote()) {
            auto *makePublic
                = new QPushButton(QIcon(iconPixmap(QStringLiteral(":/icons/globe.svg"), 16)),
                                  tr("Make public…"), this);
            makePublic->setObjectName(QStringLiteral("makePublic"));
            makePublic->setToolTip(tr("Start a reply to the customer from this note (or from the "
                                      "part of it you selected) and edit what they should know."));
            makePublic->setFocusPolicy(Qt::NoFocus); // keeps the text selection
            connect(makePublic, &QPushButton::clicked, this,
                    [this] { Q_EMIT makePublicRequested(m_message.id, textToPublish()); });
            actions->addWidget(makePublic);
        }
        layout->addLayout(actions);
    }
}

void MessageCard::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF r = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    p.setPen(m_border);
    p.setBrush(m_background);
    p.drawRoundedRect(r, 6, 6);
    // The thick edge on the left: the colour of the audience, visible at a glance.
    QPainterPath clip;
    clip.addRoundedRect(r, 6, 6);
    p.setClipPath(clip);
    p.fillRect(QRectF(r.left(), r.top(), 6, r.height()), m_stripe);
}

QString MessageCard::textToPublish() const
{
    const QString selected = m_body->selectedText();
    return selected.trimmed().isEmpty() ? m_message.body : selected;
}

void MessageCard::addAttachments(QWidget *row)
{
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 2, 0, 0);
    for (const AttachmentRef &a : std::as_const(m_message.attachments)) {
        auto *chip = new QToolButton(row);
        chip->setObjectName(QStringLiteral("attachment"));
        chip->setProperty("sha256", a.sha256);
        const bool image = AttachmentActions::isImage(a);
        chip->setIcon(QIcon(AttachmentActions::thumbnail(m_attachments, a, image ? 96 : 24)));
        chip->setIconSize(image ? QSize(96, 96) : QSize(24, 24));
        chip->setToolButtonStyle(image ? Qt::ToolButtonTextUnderIcon
                                       : Qt::ToolButtonTextBesideIcon);
        const QString label = a.fileName.size() > 40
            ? QString(a.fileName.left(24) + QStringLiteral("…") + a.fileName.right(12))
            : a.fileName;
        chip->setText(QStringLiteral("%1 (%2)").arg(label, AttachmentIntake::formatSize(a.size)));
        chip->setToolTip(QStringLiteral("%1\n%2").arg(a.fileName, a.mediaType));
        chip->setAutoRaise(true);
        chip->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(chip, &QToolButton::clicked, this, [this, a] {
            auto *preview = new AttachmentPreview(m_attachments, a, window());
            preview->setAttribute(Qt::WA_DeleteOnClose);
            preview->show();
        });
        connect(
            chip, &QToolButton::customContextMenuRequested, this,
            [this, chip, a](const QPoint &pos) { showAttachmentMenu(a, chip->mapToGlobal(pos)); });
        layout->addWidget(chip);
    }
    layout->addStretch(1);
}

void MessageCard::showAttachmentMenu(const AttachmentRef &a, const QPoint &globalPos)
{
    QMenu menu(this);
    menu.addAction(tr("Preview"), this, [this, a] {
        auto *preview = new AttachmentPreview(m_attachments, a, window());
        preview->setAttribute(Qt::WA_DeleteOnClose);
        preview->show();
    });
    menu.addAction(tr("Save as…"), this, [this, a] {
        if (auto r = AttachmentActions::saveAs(this, m_attachments, a); !r)
            QMessageBox::warning(this, tr("Save attachment"), r.errorMessage());
    });
    menu.addAction(tr("Open with system"), this, [this, a] {
        if (auto r = AttachmentActions::openWithSystem(m_attachments, a); !r)
            QMessageBox::warning(this, tr("Open attachment"), r.errorMessage());
    });
    menu.exec(globalPos);
}

void MessageCard::showBodyMenu(const QPoint &pos)
{
    QMenu menu(this);
    QAction *copy = menu.addAction(tr("Copy"), this, [this] {
        QApplication::clipboard()->setText(m_body->hasSelectedText() ? m_body->selectedText()
                                                                     : m_message.body);
    });
    copy->setShortcut(QKeySequence::Copy);
    if (isInternalNote()) {
        menu.addSeparator();
        menu.addAction(QIcon(QStringLiteral(":/icons/globe.svg")),
                       m_body->hasSelectedText() ? tr("Make selection public…")
                                                 : tr("Make public…"),
                       this, [this] { Q_EMIT makePublicRequested(m_message.id, textToPublish()); });
    }
    menu.exec(m_body->mapToGlobal(pos));
}

void MessageCard::showFullText()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Message from %1").arg(m_message.authorName));
    auto *layout = new QVBoxLayout(&dialog);
    auto *text = new QPlainTextEdit(&dialog);
    text->setReadOnly(true);
    text->setPlainText(m_message.body);
    layout->addWidget(text);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog.resize(720, 560);
    dialog.exec();
}

EventRow::EventRow(const ConversationItem &item, const QDateTime &now, QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("event-%1").arg(item.event.id));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(14, 0, 8, 0);
    layout->setSpacing(6);
    auto *icon = new QLabel(this);
    icon->setPixmap(iconPixmap(QStringLiteral(":/icons/event.svg"), 12));
    layout->addWidget(icon, 0, Qt::AlignTop);
    auto *text = new WrappedLabel(QString(), this);
    text->setObjectName(QStringLiteral("eventText"));
    text->setText(
        QStringLiteral("%1 · %2 · %3")
            .arg(item.eventText, item.authorName, ConversationText::when(item.event.at, now)));
    text->setToolTip(QLocale().toString(item.event.at.toLocalTime(), QLocale::LongFormat));
    QFont small = text->font();
    small.setPointSizeF(small.pointSizeF() * 0.88);
    text->setFont(small);
    setTextColor(text, QColor(0x71, 0x80, 0x96));
    layout->addWidget(text, 1);
}

} // namespace hd
