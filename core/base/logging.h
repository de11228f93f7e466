// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>
#include <QString>

// One logging category per module; enable with QT_LOGGING_RULES or the logging/rules setting,
// e.g. "helpdesk.sync.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcApp)
Q_DECLARE_LOGGING_CATEGORY(lcStorage)
Q_DECLARE_LOGGING_CATEGORY(lcSearch)
Q_DECLARE_LOGGING_CATEGORY(lcWorkflow)
Q_DECLARE_LOGGING_CATEGORY(lcChannels)
Q_DECLARE_LOGGING_CATEGORY(lcSync)
Q_DECLARE_LOGGING_CATEGORY(lcReporting)
Q_DECLARE_LOGGING_CATEGORY(lcKb)
Q_DECLARE_LOGGING_CATEGORY(lcUi)
Q_DECLARE_LOGGING_CATEGORY(lcServer)

namespace hd::logging {

struct FileLogOptions
{
    QString directory; ///< folder of the log files
    QString baseName; ///< e.g. "helpdesk" -> helpdesk.log, helpdesk.1.log, ...
    qint64 maxFileBytes = 4 << 20;
    int keepFiles = 5; ///< rotated files kept besides the current one
    bool alsoToStderr = true;
};

/// Installs a thread-safe message handler that appends to a rotating log file.
/// Returns false (and leaves Qt's default handler) when the file cannot be opened.
bool installFileLog(const FileLogOptions &options);
/// Restores Qt's default handler and closes the file.
void uninstallFileLog();
/// Path of the current log file, empty when none is installed.
QString currentLogFile();

} // namespace hd::logging
