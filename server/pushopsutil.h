// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers shared by the files of PushOps (pushops.cpp, pushfieldops.cpp): payload fields and
// core refusals as Rejections. Messages use the context of PushOps.
#include "server/pushops.h"

#include <optional>

namespace hd::server::pushutil {

Rejection invalid(const QString &message);
Rejection missing(const QString &name);
Rejection badValue(const QString &name, const QString &value, const QString &allowed);

/// A refused core call as a rejection (Conflict becomes conflictCode, InvalidArgument becomes
/// `invalid` with its message prefixed "payload.<field>: " when field is given); database
/// failures stay errors.
Result<Rejection> fromCore(const Error &e, const QString &conflictCode, const QString &field = {});
Result<Rejection> outcome(const Result<void> &r,
                          const QString &conflictCode = QStringLiteral("transition_not_allowed"),
                          const QString &field = {});

/// payload.name: nullopt when absent or null; a rejection in `bad` when of another type or longer
/// than maxChars.
std::optional<QString> text(const QJsonObject &p, const QString &name, qsizetype maxChars,
                            std::optional<Rejection> &bad);

enum class Presence {
    Required, ///< a UUID
    Nullable, ///< a UUID or null, but present
    Optional, ///< a UUID, null or absent
};

/// payload.name as a lowercase UUID, or an empty string for null/absent where `presence` allows
/// it; nullopt with a rejection in `bad` otherwise.
std::optional<QString> uuidField(const QJsonObject &p, const QString &name, Presence presence,
                                 std::optional<Rejection> &bad);

} // namespace hd::server::pushutil
