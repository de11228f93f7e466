// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/conversationmodel.h"

#include "core/storage/ticketstore.h"

#include <algorithm>

namespace hd {

namespace {
/// Sort rank at equal times: the creation, then messages, then events they caused.
int rank(const ConversationItem &i)
{
    if (i.kind == ConversationItem::Kind::Message)
        return 1;
    return i.event.kind == EventKind::Created ? 0 : 2;
}

bool sameContent(const ConversationItem &a, const ConversationItem &b)
{
    if (a.authorName != b.authorName || a.eventText != b.eventText || a.at() != b.at())
        return false;
    if (a.kind == ConversationItem::Kind::Event)
        return true;
    const Message &x = a.message;
    const Message &y = b.message;
    if (x.body != y.body || x.visibility != y.visibility
        || x.attachments.size() != y.attachments.size())
        return false;
    for (qsizetype i = 0; i < x.attachments.size(); ++i)
        if (x.attachments[i].sha256 != y.attachments[i].sha256
            || x.attachments[i].fileName != y.attachments[i].fileName)
            return false;
    return true;
}
} // namespace

ConversationModel::ConversationModel(TicketStore &store, Directory &directory, QObject *parent)
    : QAbstractListModel(parent)
    , m_store(store)
    , m_names(directory)
{ }

int ConversationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

QHash<int, QByteArray> ConversationModel::roleNames() const
{
    QHash<int, QByteArray> r = QAbstractListModel::roleNames();
    r.insert(KindRole, "kind");
    r.insert(IdRole, "recordId");
    r.insert(TimeRole, "time");
    r.insert(AuthorRole, "author");
    r.insert(AuthorKindRole, "authorKind");
    r.insert(VisibilityRole, "visibility");
    r.insert(BodyRole, "body");
    r.insert(AttachmentCountRole, "attachmentCount");
    r.insert(EventTextRole, "eventText");
    r.insert(InternalNoteRole, "internalNote");
    return r;
}

QVariant ConversationModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ConversationItem &i = m_items.at(index.row());
    const bool isMessage = i.kind == ConversationItem::Kind::Message;
    switch (role) {
    case Qt::DisplayRole:
        return isMessage ? QString(i.authorName + QStringLiteral(": ") + i.message.body)
                         : i.eventText;
    case KindRole:
        return int(i.kind);
    case IdRole:
        return i.id();
    case TimeRole:
        return i.at();
    case AuthorRole:
        return i.authorName;
    case AuthorKindRole:
        return int(isMessage ? i.message.authorKind : i.event.actorKind);
    case VisibilityRole:
        return isMessage ? QVariant(int(i.message.visibility)) : QVariant();
    case BodyRole:
        return isMessage ? QVariant(i.message.body) : QVariant();
    case AttachmentCountRole:
        return isMessage ? int(i.message.attachments.size()) : 0;
    case EventTextRole:
        return isMessage ? QVariant() : QVariant(i.eventText);
    case InternalNoteRole:
        return i.isInternalNote();
    default:
        return {};
    }
}

int ConversationModel::rowOfMessage(RowId messageId) const
{
    for (int r = 0; r < m_items.size(); ++r)
        if (m_items[r].kind == ConversationItem::Kind::Message
            && m_items[r].message.id == messageId)
            return r;
    return -1;
}

void ConversationModel::describe(ConversationItem &i)
{
    if (i.kind == ConversationItem::Kind::Message) {
        const Message &m = i.message;
        i.authorName = !m.authorName.isEmpty()
            ? m.authorName
            : m_names.actor(m.authorKind,
                            m.authorKind == AuthorKind::Agent ? m.authorAgentId
                                                              : m.authorCustomerId);
    } else {
        i.authorName = m_names.actor(i.event.actorKind, i.event.actorId);
        i.eventText = ConversationText::describe(i.event, m_names);
    }
}

Result<QList<ConversationItem>> ConversationModel::load()
{
    QList<ConversationItem> out;
    if (!m_ticketId)
        return out;
    auto messages = m_store.messages(m_ticketId, true);
    if (!messages)
        return messages.error();
    auto events = m_store.events(m_ticketId);
    if (!events)
        return events.error();
    m_names.clear();
    for (const Message &m : *messages) {
        ConversationItem i;
        i.kind = ConversationItem::Kind::Message;
        i.message = m;
        describe(i);
        out << i;
    }
    for (const Event &e : *events) {
        if (!ConversationText::isShown(e))
            continue;
        ConversationItem i;
        i.kind = ConversationItem::Kind::Event;
        i.event = e;
        describe(i);
        out << i;
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const ConversationItem &a, const ConversationItem &b) {
                         if (a.at() != b.at())
                             return a.at() < b.at();
                         if (rank(a) != rank(b))
                             return rank(a) < rank(b);
                         return a.id() < b.id();
                     });
    return out;
}

Result<void> ConversationModel::setTicket(RowId ticketId)
{
    beginResetModel();
    m_ticketId = ticketId;
    auto items = load();
    m_items = items ? *items : QList<ConversationItem>();
    endResetModel();
    return items ? Result<void>() : Result<void>(items.error());
}

Result<void> ConversationModel::refresh()
{
    auto loaded = load();
    if (!loaded)
        return loaded.error();
    const QList<ConversationItem> &next = *loaded;
    const int oldSize = int(m_items.size());
    const int newSize = int(next.size());
    int prefix = 0;
    while (prefix < oldSize && prefix < newSize && m_items[prefix].sameRecord(next[prefix]))
        ++prefix;
    int suffix = 0;
    while (suffix < oldSize - prefix && suffix < newSize - prefix
           && m_items[oldSize - 1 - suffix].sameRecord(next[newSize - 1 - suffix]))
        ++suffix;
    // Rows kept at both ends may still have new content (a renamed agent, another language).
    QList<int> changed;
    for (int r = 0; r < prefix; ++r)
        if (!sameContent(m_items[r], next[r])) {
            m_items[r] = next[r];
            changed << r;
        }
    for (int k = 0; k < suffix; ++k) {
        const int o = oldSize - 1 - k;
        if (!sameContent(m_items[o], next[newSize - 1 - k])) {
            m_items[o] = next[newSize - 1 - k];
            changed << o - (oldSize - newSize); // its row after the middle is replaced
        }
    }
    const int removeCount = oldSize - prefix - suffix;
    if (removeCount > 0) {
        beginRemoveRows({}, prefix, prefix + removeCount - 1);
        m_items.remove(prefix, removeCount);
        endRemoveRows();
    }
    const int insertCount = newSize - prefix - suffix;
    if (insertCount > 0) {
        beginInsertRows({}, prefix, prefix + insertCount - 1);
        for (int k = 0; k < insertCount; ++k)
            m_items.insert(prefix + k, next[prefix + k]);
        endInsertRows();
    }
    for (int r : std::as_const(changed))
        Q_EMIT dataChanged(index(r), index(r));
    return {};
}

void ConversationModel::retranslate()
{
    if (m_items.isEmpty())
        return;
    for (ConversationItem &i : m_items)
        describe(i);
    Q_EMIT dataChanged(index(0), index(int(m_items.size()) - 1));
}

} // namespace hd
