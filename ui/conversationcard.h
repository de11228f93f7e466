// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/conversationmodel.h"

#include <QColor>
#include <QFrame>

class QLabel;

namespace hd {

class AttachmentStore;

/// One message of the conversation. Internal notes are unmistakable: amber card with a thick
/// amber edge, a lock icon and the words "Internal note"; public replies are blue with a globe
/// and "Reply to customer"; customer messages grey with "Customer". The text is selectable, so
/// an agent can pick the part of a note the customer should know ("Make public…").
class MessageCard : public QFrame
{
    Q_OBJECT
public:
    /// Longest text shown inline; longer messages offer "Show all".
    static constexpr int kMaxShownChars = 20'000;

    MessageCard(const ConversationItem &item, const QDateTime &now, AttachmentStore &attachments,
                QWidget *parent = nullptr);

    [[nodiscard]] RowId messageId() const { return m_message.id; }
    [[nodiscard]] bool isInternalNote() const
    {
        return m_message.visibility == Visibility::Internal;
    }
    /// The selected part of the text, or all of it when nothing is selected.
    [[nodiscard]] QString textToPublish() const;

Q_SIGNALS:
    void makePublicRequested(hd::RowId messageId, const QString &text);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void addAttachments(QWidget *row);
    void showAttachmentMenu(const AttachmentRef &a, const QPoint &globalPos);
    void showBodyMenu(const QPoint &pos);
    void showFullText();

    Message m_message;
    AttachmentStore &m_attachments;
    QLabel *m_body = nullptr;
    QColor m_background, m_border, m_stripe;
};

/// A history event inline in the conversation: small grey text with who and when.
class EventRow : public QWidget
{
    Q_OBJECT
public:
    EventRow(const ConversationItem &item, const QDateTime &now, QWidget *parent = nullptr);
};

} // namespace hd
