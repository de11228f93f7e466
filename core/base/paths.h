// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace hd::paths {

/// The per-user data folder (QStandardPaths::AppDataLocation), created if missing.
/// HELPDESK_DATA_DIR in the environment overrides it (tests, portable installs).
QString dataDir();
/// Default database file inside the data folder.
QString defaultDatabasePath();
/// Folder for rotating log files.
QString logDir();

} // namespace hd::paths
