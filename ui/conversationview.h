// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain/ticket.h"

#include <QScrollArea>

class QLabel;
class QVBoxLayout;

namespace hd {

class AttachmentStore;
class Clock;
class ConversationModel;
class MessageCard;

/// Shows a ConversationModel as a thread of cards (MessageCard) and inline events (EventRow),
/// oldest first. Follows the model's row signals; stays at the bottom when it was there, so new
/// messages come into view.
class ConversationView : public QScrollArea
{
    Q_OBJECT
public:
    ConversationView(AttachmentStore &attachments, const Clock &clock, QWidget *parent = nullptr);

    void setModel(ConversationModel *model);
    [[nodiscard]] ConversationModel *model() const { return m_model; }
    /// The card of a message, or nullptr.
    [[nodiscard]] MessageCard *cardForMessage(RowId messageId) const;
    /// Widgets in model order (cards and event rows), for tests and navigation.
    [[nodiscard]] QList<QWidget *> rowWidgets() const { return m_rows; }
    void scrollToBottom();

Q_SIGNALS:
    void makePublicRequested(hd::RowId messageId, const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *makeRow(int row);
    void rebuild();
    void insertRows(int first, int last);
    void removeRows(int first, int last);
    void updateRows(int first, int last);
    void updateEmptyState();
    void retranslateUi();

    AttachmentStore &m_attachments;
    const Clock &m_clock;
    ConversationModel *m_model = nullptr;
    QWidget *m_content = nullptr;
    QVBoxLayout *m_layout = nullptr;
    QLabel *m_empty = nullptr;
    QList<QWidget *> m_rows;
    bool m_stickToBottom = true;
};

} // namespace hd
