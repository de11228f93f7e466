// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/domain/ticket.h"
#include "ui/conversationtext.h"

#include <QAbstractListModel>

namespace hd {

class Directory;
class TicketStore;

/// One entry of a ticket's conversation: a message or a history event.
struct ConversationItem
{
    enum class Kind { Message, Event };
    Kind kind = Kind::Message;
    Message message; ///< when kind == Message
    Event event; ///< when kind == Event
    QString authorName; ///< message author or event actor
    QString eventText; ///< ConversationText::describe() of the event

    [[nodiscard]] QDateTime at() const
    {
        return kind == Kind::Message ? message.createdAt : event.at;
    }
    [[nodiscard]] RowId id() const { return kind == Kind::Message ? message.id : event.id; }
    [[nodiscard]] bool isInternalNote() const
    {
        return kind == Kind::Message && message.visibility == Visibility::Internal;
    }
    [[nodiscard]] bool sameRecord(const ConversationItem &o) const
    {
        return kind == o.kind && id() == o.id();
    }
};

/// A ticket's messages and events merged by time: the creation first, then messages, then
/// what happened in answer to them. Follows TicketStore::changed() with row-precise
/// notifications (new messages are inserted, not reset), and retranslates event texts.
class ConversationModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        KindRole = Qt::UserRole + 1, ///< ConversationItem::Kind as int
        IdRole, ///< message or event id
        TimeRole, ///< QDateTime (UTC)
        AuthorRole, ///< author or actor name
        AuthorKindRole, ///< AuthorKind as int
        VisibilityRole, ///< Visibility as int (messages only)
        BodyRole, ///< message text
        AttachmentCountRole,
        EventTextRole,
        InternalNoteRole, ///< bool
    };

    ConversationModel(TicketStore &store, Directory &directory, QObject *parent = nullptr);

    /// Shows a ticket's conversation (0 = none); a reset, since it is another list.
    Result<void> setTicket(RowId ticketId);
    [[nodiscard]] RowId ticketId() const { return m_ticketId; }
    /// Re-reads the ticket, inserting, removing and updating only rows that differ.
    Result<void> refresh();
    /// Recomputes event texts in the current UI language.
    void retranslate();

    [[nodiscard]] const ConversationItem &item(int row) const { return m_items.at(row); }
    [[nodiscard]] int rowOfMessage(RowId messageId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    Result<QList<ConversationItem>> load();
    void describe(ConversationItem &item);

    TicketStore &m_store;
    NameCache m_names;
    RowId m_ticketId = 0;
    QList<ConversationItem> m_items;
};

} // namespace hd
