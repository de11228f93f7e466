// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>

#include <array>
#include <optional>

namespace hd {

// The value sets of the standard ticket schema. Each has a stable wire name (storage, JSON,
// CLI) and a translated display name. Wire names never change; display names may.

enum class TicketStatus { New, Open, Assigned, Pending, Solved, Closed };
enum class Priority { Urgent, High, Normal, Low }; ///< stored as 0..3, so sorting is by severity
enum class Channel { Email, Web, InApp, ChatKakao, ChatChannelTalk, Phone, Chatbot, Api };
enum class Direction { Inbound, Outbound };
enum class AuthorKind { Customer, Agent, Bot, System };
enum class Visibility { Public, Internal };
enum class AgentRole { Agent, Manager, Admin };
enum class EventKind {
    Created,
    Status,
    Assignee,
    Team,
    Priority,
    Category,
    Tags,
    Subject,
    Merged, ///< this ticket was merged into new_value
    MergedFrom, ///< new_value was merged into this ticket
    Split, ///< messages of this ticket became ticket new_value
    SplitFrom, ///< this ticket was split from new_value
    Archived,
    FirstResponse,
    Csat,
};

inline constexpr std::array kAllStatuses{TicketStatus::New,      TicketStatus::Open,
                                         TicketStatus::Assigned, TicketStatus::Pending,
                                         TicketStatus::Solved,   TicketStatus::Closed};
inline constexpr std::array kActiveStatuses{TicketStatus::New, TicketStatus::Open,
                                            TicketStatus::Assigned, TicketStatus::Pending};
inline constexpr std::array kAllPriorities{Priority::Urgent, Priority::High, Priority::Normal,
                                           Priority::Low};
inline constexpr std::array kAllChannels{
    Channel::Email,           Channel::Web,   Channel::InApp,   Channel::ChatKakao,
    Channel::ChatChannelTalk, Channel::Phone, Channel::Chatbot, Channel::Api};

QString wireName(TicketStatus v);
QString wireName(Priority v);
QString wireName(Channel v);
QString wireName(Direction v);
QString wireName(AuthorKind v);
QString wireName(Visibility v);
QString wireName(AgentRole v);
QString wireName(EventKind v);

std::optional<TicketStatus> parseStatus(QStringView s);
std::optional<Priority> parsePriority(QStringView s);
std::optional<Channel> parseChannel(QStringView s);
std::optional<Direction> parseDirection(QStringView s);
std::optional<AuthorKind> parseAuthorKind(QStringView s);
std::optional<Visibility> parseVisibility(QStringView s);
std::optional<AgentRole> parseAgentRole(QStringView s);
std::optional<EventKind> parseEventKind(QStringView s);

/// Translated names for display (context "hd::Names").
QString displayName(TicketStatus v);
QString displayName(Priority v);
QString displayName(Channel v);
QString displayName(Direction v);

/// Comma-separated wire names, for error messages ("new, open, ...").
QString statusNames();
QString priorityNames();
QString channelNames();

inline bool isActive(TicketStatus s)
{
    return s != TicketStatus::Solved && s != TicketStatus::Closed;
}

} // namespace hd
