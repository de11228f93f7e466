// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/paths.h"

#include <QDir>
#include <QStandardPaths>

namespace hd::paths {

QString dataDir()
{
    QString dir = qEnvironmentVariable("HELPDESK_DATA_DIR");
    if (dir.isEmpty())
        dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dir);
    return dir;
}

QString defaultDatabasePath()
{
    return QDir(dataDir()).filePath(QStringLiteral("helpdesk.sqlite"));
}

QString logDir()
{
    const QString dir = QDir(dataDir()).filePath(QStringLiteral("logs"));
    QDir().mkpath(dir);
    return dir;
}

} // namespace hd::paths
