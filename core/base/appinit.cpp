// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/appinit.h"

#include "core/base/logging.h"
#include "core/base/paths.h"
#include "core/base/settings.h"
#include "core/base/version.h"

#include <QCoreApplication>
#include <QLoggingCategory>

namespace hd {

void initApplicationInfo()
{
    QCoreApplication::setOrganizationName(QString::fromLatin1(kOrganizationName));
    QCoreApplication::setApplicationName(QString::fromLatin1(kApplicationName));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(kVersion));
}

QString preScanLanguage(const QStringList &arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if (a == QLatin1String("--lang") && i + 1 < arguments.size())
            return arguments.at(i + 1);
        if (a.startsWith(QLatin1String("--lang=")))
            return a.mid(7);
    }
    return {};
}

void installDefaultLogging(const Settings &settings, const QString &baseName)
{
    const QString rules = settings.value(keys::logRules);
    if (!rules.isEmpty())
        QLoggingCategory::setFilterRules(rules);
    logging::FileLogOptions o;
    o.directory = paths::logDir();
    o.baseName = baseName;
    o.maxFileBytes = qint64(settings.value(keys::logMaxFileKiB)) * 1024;
    o.keepFiles = settings.value(keys::logKeepFiles);
    o.alsoToStderr = true;
    if (!logging::installFileLog(o))
        qCWarning(lcApp) << "cannot open log file in" << o.directory;
}

} // namespace hd
