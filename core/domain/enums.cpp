// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/domain/enums.h"

#include <QCoreApplication>

namespace hd {

namespace {

template<typename E, std::size_t N>
struct NameTable
{
    std::array<std::pair<E, const char *>, N> entries;

    QString name(E v) const
    {
        for (const auto &[e, n] : entries)
            if (e == v)
                return QString::fromLatin1(n);
        return {};
    }
    std::optional<E> parse(QStringView s) const
    {
        const QString t = s.trimmed().toString().toLower();
        for (const auto &[e, n] : entries)
            if (t == QLatin1String(n))
                return e;
        return std::nullopt;
    }
    QString list() const
    {
        QStringList out;
        for (const auto &entry : entries)
            out << QString::fromLatin1(entry.second);
        return out.join(QStringLiteral(", "));
    }
};

template<typename E, typename... P>
constexpr auto table(P... pairs)
{
    return NameTable<E, sizeof...(P)>{{std::pair<E, const char *>(pairs)...}};
}

const auto kStatus = table<TicketStatus>(
    std::pair{TicketStatus::New, "new"}, std::pair{TicketStatus::Open, "open"},
    std::pair{TicketStatus::Assigned, "assigned"}, std::pair{TicketStatus::Pending, "pending"},
    std::pair{TicketStatus::Solved, "solved"}, std::pair{TicketStatus::Closed, "closed"});
const auto kPriority
    = table<Priority>(std::pair{Priority::Urgent, "urgent"}, std::pair{Priority::High, "high"},
                      std::pair{Priority::Normal, "normal"}, std::pair{Priority::Low, "low"});
const auto kChannel = table<Channel>(
    std::pair{Channel::Email, "email"}, std::pair{Channel::Web, "web"},
    std::pair{Channel::InApp, "in_app"}, std::pair{Channel::ChatKakao, "chat_kakao"},
    std::pair{Channel::ChatChannelTalk, "chat_channeltalk"}, std::pair{Channel::Phone, "phone"},
    std::pair{Channel::Chatbot, "chatbot"}, std::pair{Channel::Api, "api"});
const auto kDirection = table<Direction>(std::pair{Direction::Inbound, "inbound"},
                                         std::pair{Direction::Outbound, "outbound"});
const auto kAuthor = table<AuthorKind>(
    std::pair{AuthorKind::Customer, "customer"}, std::pair{AuthorKind::Agent, "agent"},
    std::pair{AuthorKind::Bot, "bot"}, std::pair{AuthorKind::System, "system"});
const auto kVisibility = table<Visibility>(std::pair{Visibility::Public, "public"},
                                           std::pair{Visibility::Internal, "internal"});
const auto kRole = table<AgentRole>(std::pair{AgentRole::Agent, "agent"},
                                    std::pair{AgentRole::Manager, "manager"},
                                    std::pair{AgentRole::Admin, "admin"});
const auto kEvent = table<EventKind>(
    std::pair{EventKind::Created, "created"}, std::pair{EventKind::Status, "status"},
    std::pair{EventKind::Assignee, "assignee"}, std::pair{EventKind::Team, "team"},
    std::pair{EventKind::Priority, "priority"}, std::pair{EventKind::Category, "category"},
    std::pair{EventKind::Tags, "tags"}, std::pair{EventKind::Subject, "subject"},
    std::pair{EventKind::Merged, "merged"}, std::pair{EventKind::MergedFrom, "merged_from"},
    std::pair{EventKind::Split, "split"}, std::pair{EventKind::SplitFrom, "split_from"},
    std::pair{EventKind::Archived, "archived"},
    std::pair{EventKind::FirstResponse, "first_response"}, std::pair{EventKind::Csat, "csat"});

} // namespace

QString wireName(TicketStatus v)
{
    return kStatus.name(v);
}
QString wireName(Priority v)
{
    return kPriority.name(v);
}
QString wireName(Channel v)
{
    return kChannel.name(v);
}
QString wireName(Direction v)
{
    return kDirection.name(v);
}
QString wireName(AuthorKind v)
{
    return kAuthor.name(v);
}
QString wireName(Visibility v)
{
    return kVisibility.name(v);
}
QString wireName(AgentRole v)
{
    return kRole.name(v);
}
QString wireName(EventKind v)
{
    return kEvent.name(v);
}

std::optional<TicketStatus> parseStatus(QStringView s)
{
    return kStatus.parse(s);
}
std::optional<Priority> parsePriority(QStringView s)
{
    return kPriority.parse(s);
}
std::optional<Channel> parseChannel(QStringView s)
{
    return kChannel.parse(s);
}
std::optional<Direction> parseDirection(QStringView s)
{
    return kDirection.parse(s);
}
std::optional<AuthorKind> parseAuthorKind(QStringView s)
{
    return kAuthor.parse(s);
}
std::optional<Visibility> parseVisibility(QStringView s)
{
    return kVisibility.parse(s);
}
std::optional<AgentRole> parseAgentRole(QStringView s)
{
    return kRole.parse(s);
}
std::optional<EventKind> parseEventKind(QStringView s)
{
    return kEvent.parse(s);
}

QString statusNames()
{
    return kStatus.list();
}
QString priorityNames()
{
    return kPriority.list();
}
QString channelNames()
{
    return kChannel.list();
}

QString displayName(TicketStatus v)
{
    switch (v) {
    case TicketStatus::New:
        return QCoreApplication::translate("hd::Names", "New");
    case TicketStatus::Open:
        return QCoreApplication::translate("hd::Names", "Open");
    case TicketStatus::Assigned:
        return QCoreApplication::translate("hd::Names", "In progress");
    case TicketStatus::Pending:
        return QCoreApplication::translate("hd::Names", "Pending");
    case TicketStatus::Solved:
        return QCoreApplication::translate("hd::Names", "Solved");
    case TicketStatus::Closed:
        return QCoreApplication::translate("hd::Names", "Closed");
    }
    return {};
}

QString displayName(Priority v)
{
    switch (v) {
    case Priority::Urgent:
        return QCoreApplication::translate("hd::Names", "Urgent");
    case Priority::High:
        return QCoreApplication::translate("hd::Names", "High");
    case Priority::Normal:
        return QCoreApplication::translate("hd::Names", "Normal");
    case Priority::Low:
        return QCoreApplication::translate("hd::Names", "Low");
    }
    return {};
}

QString displayName(Channel v)
{
    switch (v) {
    case Channel::Email:
        return QCoreApplication::translate("hd::Names", "Email");
    case Channel::Web:
        return QCoreApplication::translate("hd::Names", "Web portal");
    case Channel::InApp:
        return QCoreApplication::translate("hd::Names", "In-app");
    case Channel::ChatKakao:
        return QCoreApplication::translate("hd::Names", "KakaoTalk");
    case Channel::ChatChannelTalk:
        return QCoreApplication::translate("hd::Names", "ChannelTalk");
    case Channel::Phone:
        return QCoreApplication::translate("hd::Names", "Phone");
    case Channel::Chatbot:
        return QCoreApplication::translate("hd::Names", "Chatbot");
    case Channel::Api:
        return QCoreApplication::translate("hd::Names", "API");
    }
    return {};
}

QString displayName(Direction v)
{
    return v == Direction::Inbound ? QCoreApplication::translate("hd::Names", "Inbound")
                                   : QCoreApplication::translate("hd::Names", "Outbound");
}

} // namespace hd
