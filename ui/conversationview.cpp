// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/conversationview.h"

#include "core/base/clock.h"
#include "ui/conversationcard.h"
#include "ui/conversationmodel.h"

#include <QEvent>
#include <QLabel>
#include <QScrollBar>
#include <QVBoxLayout>

namespace hd {

namespace {
/// Rows may be replaced while one of their own signals runs (a button in a card): take them out
/// of the tree now and delete them later.
void discard(QWidget *w)
{
    w->hide();
    w->setParent(nullptr);
    w->deleteLater();
}
} // namespace

ConversationView::ConversationView(AttachmentStore &attachments, const Clock &clock,
                                   QWidget *parent)
    : QScrollArea(parent)
    , m_attachments(attachments)
    , m_clock(clock)
{
    setObjectName(QStringLiteral("conversation"));
    setWidgetResizable(true);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setFrameShape(QFrame::NoFrame);
    m_content = new QWidget;
    m_content->setObjectName(QStringLiteral("conversationContent"));
    m_layout = new QVBoxLayout(m_content);
    m_layout->setContentsMargins(8, 8, 8, 8);
    m_layout->setSpacing(8);
    m_empty = new QLabel(m_content);
    m_empty->setObjectName(QStringLiteral("conversationEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    QPalette grey = m_empty->palette();
    grey.setColor(QPalette::WindowText, QColor(0x71, 0x80, 0x96));
    m_empty->setPalette(grey);
    m_layout->addWidget(m_empty);
    m_layout->addStretch(1);
    setWidget(m_content);
    retranslateUi();

    // Follow the bottom: when the range grows (new rows laid out) and we were at the bottom.
    connect(verticalScrollBar(), &QScrollBar::rangeChanged, this, [this](int, int max) {
        if (m_stickToBottom)
            verticalScrollBar()->setValue(max);
    });
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this,
            [this](int value) { m_stickToBottom = value >= verticalScrollBar()->maximum() - 4; });
}

void ConversationView::setModel(ConversationModel *model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (model) {
        connect(model, &QAbstractItemModel::modelReset, this, &ConversationView::rebuild);
        connect(model, &QAbstractItemModel::rowsInserted, this,
                [this](const QModelIndex &, int first, int last) { insertRows(first, last); });
        connect(model, &QAbstractItemModel::rowsRemoved, this,
                [this](const QModelIndex &, int first, int last) { removeRows(first, last); });
        connect(model, &QAbstractItemModel::dataChanged, this,
                [this](const QModelIndex &tl, const QModelIndex &br) {
                    updateRows(tl.row(), br.row());
                });
        connect(model, &QAbstractItemModel::rowsMoved, this, &ConversationView::rebuild);
        connect(model, &QAbstractItemModel::layoutChanged, this, &ConversationView::rebuild);
    }
    rebuild();
}

MessageCard *ConversationView::cardForMessage(RowId messageId) const
{
    for (QWidget *w : m_rows)
        if (auto *card = qobject_cast<MessageCard *>(w); card && card->messageId() == messageId)
            return card;
    return nullptr;
}

QWidget *ConversationView::makeRow(int row)
{
    const ConversationItem &item = m_model->item(row);
    const QDateTime now = m_clock.now();
    if (item.kind == ConversationItem::Kind::Event)
        return new EventRow(item, now, m_content);
    auto *card = new MessageCard(item, now, m_attachments, m_content);
    const bool customer = item.message.authorKind == AuthorKind::Customer;
    // A chat-like hint of who speaks: customers from the left, the team from the right.
    card->setContentsMargins(customer ? 0 : 24, 0, customer ? 24 : 0, 0);
    connect(card, &MessageCard::makePublicRequested, this, &ConversationView::makePublicRequested);
    return card;
}

void ConversationView::rebuild()
{
    setUpdatesEnabled(false);
    for (QWidget *w : std::as_const(m_rows))
        discard(w);
    m_rows.clear();
    const int n = m_model ? m_model->rowCount() : 0;
    for (int r = 0; r < n; ++r) {
        QWidget *w = makeRow(r);
        m_layout->insertWidget(r + 1, w); // after the empty-state label
        m_rows << w;
    }
    updateEmptyState();
    setUpdatesEnabled(true);
    scrollToBottom();
}

void ConversationView::insertRows(int first, int last)
{
    for (int r = first; r <= last; ++r) {
        QWidget *w = makeRow(r);
        m_layout->insertWidget(r + 1, w);
        m_rows.insert(r, w);
    }
    updateEmptyState();
}

void ConversationView::removeRows(int first, int last)
{
    for (int r = last; r >= first; --r)
        discard(m_rows.takeAt(r));
    updateEmptyState();
}

void ConversationView::updateRows(int first, int last)
{
    for (int r = first; r <= last && r < m_rows.size(); ++r) {
        QWidget *w = makeRow(r);
        m_layout->replaceWidget(m_rows[r], w);
        discard(m_rows[r]);
        m_rows[r] = w;
    }
}

void ConversationView::updateEmptyState()
{
    m_empty->setVisible(m_rows.isEmpty());
}

void ConversationView::scrollToBottom()
{
    m_stickToBottom = true;
    verticalScrollBar()->setValue(verticalScrollBar()->maximum());
}

void ConversationView::retranslateUi()
{
    m_empty->setText(tr("No messages yet."));
}

void ConversationView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QScrollArea::changeEvent(event);
}

} // namespace hd
