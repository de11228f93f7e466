// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain/ticket.h"

#include <QJsonObject>

namespace hd::json {

/// JSON forms of the schema's records, as the CLI (--json), the server and sync exchange them.
/// Times are ISO 8601 UTC strings, enumerations their wire names, absent values null.
QJsonObject toJson(const Ticket &t);
QJsonObject toJson(const Message &m);
QJsonObject toJson(const Event &e);
QJsonObject toJson(const Agent &a);
QJsonObject toJson(const Customer &c);

QJsonValue time(const QDateTime &t);

} // namespace hd::json
