// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace hd {

class Settings;

/// Sets the organization, application name and version that QSettings, QStandardPaths and
/// --version read. Call right after constructing the Q*Application.
void initApplicationInfo();

/// Finds "--lang X" or "--lang=X" in raw arguments before QCommandLineParser runs, so that
/// --help can already be printed in the chosen language. Empty if absent.
QString preScanLanguage(const QStringList &arguments);

/// Installs the rotating file log in the data folder using the logging settings, and applies
/// the logging rules setting. baseName is the log file's name without extension.
void installDefaultLogging(const Settings &settings, const QString &baseName);

} // namespace hd
