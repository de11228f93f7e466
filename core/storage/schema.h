// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

namespace hd::schema {

/// Forward migrations: migrations()[i] takes the schema from version i to i + 1 (PRAGMA
/// user_version). Never edit a released migration; append a new one.
const std::vector<std::vector<const char *>> &migrations();

} // namespace hd::schema
