// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/logging.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QMutex>
#include <QMutexLocker>

#include <cstdio>
#include <memory>

Q_LOGGING_CATEGORY(lcApp, "helpdesk.app")
Q_LOGGING_CATEGORY(lcStorage, "helpdesk.storage")
Q_LOGGING_CATEGORY(lcSearch, "helpdesk.search")
Q_LOGGING_CATEGORY(lcWorkflow, "helpdesk.workflow")
Q_LOGGING_CATEGORY(lcChannels, "helpdesk.channels")
Q_LOGGING_CATEGORY(lcSync, "helpdesk.sync")
Q_LOGGING_CATEGORY(lcReporting, "helpdesk.reporting")
Q_LOGGING_CATEGORY(lcKb, "helpdesk.kb")
Q_LOGGING_CATEGORY(lcUi, "helpdesk.ui")
Q_LOGGING_CATEGORY(lcServer, "helpdesk.server")

namespace hd::logging {
namespace {

struct FileLog
{
    FileLogOptions options;
    QFile file;
    QMutex mutex;
    QtMessageHandler previous = nullptr;
};

std::unique_ptr<FileLog> g_log; // guarded by installation order; handler reads under mutex

QString pathFor(const FileLogOptions &o, int index)
{
    const QString name = index == 0
        ? QString(o.baseName + QStringLiteral(".log"))
        : QString(o.baseName + QLatin1Char('.') + QString::number(index) + QStringLiteral(".log"));
    return QDir(o.directory).filePath(name);
}

void rotateLocked(FileLog &log)
{
    log.file.close();
    const FileLogOptions &o = log.options;
    QFile::remove(pathFor(o, o.keepFiles));
    for (int i = o.keepFiles - 1; i >= 0; --i) {
        if (QFile::exists(pathFor(o, i)))
            QFile::rename(pathFor(o, i), pathFor(o, i + 1));
    }
    log.file.setFileName(pathFor(o, 0));
    log.file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text);
}

const char *levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "debug";
    case QtInfoMsg:
        return "info";
    case QtWarningMsg:
        return "warning";
    case QtCriticalMsg:
        return "critical";
    case QtFatalMsg:
        return "fatal";
    }
    return "?";
}

void handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QByteArray line = QByteArray()
        + QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8() + ' '
        + levelName(type) + ' ' + (context.category ? context.category : "default") + ": "
        + message.toUtf8() + '\n';
    bool toStderr = true;
    if (g_log) {
        QMutexLocker lock(&g_log->mutex);
        toStderr = g_log->options.alsoToStderr;
        if (g_log->file.isOpen()) {
            if (g_log->file.size() + line.size() > g_log->options.maxFileBytes)
                rotateLocked(*g_log);
            g_log->file.write(line);
            g_log->file.flush();
        }
    }
    if (toStderr) {
        std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
        std::fflush(stderr);
    }
}

} // namespace

bool installFileLog(const FileLogOptions &options)
{
    uninstallFileLog();
    auto log = std::make_unique<FileLog>();
    log->options = options;
    if (log->options.keepFiles < 0)
        log->options.keepFiles = 0;
    QDir().mkpath(options.directory);
    log->file.setFileName(pathFor(options, 0));
    if (!log->file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text))
        return false;
    g_log = std::move(log);
    g_log->previous = qInstallMessageHandler(handler);
    return true;
}

void uninstallFileLog()
{
    if (!g_log)
        return;
    qInstallMessageHandler(g_log->previous);
    QMutexLocker lock(&g_log->mutex);
    g_log->file.close();
    lock.unlock();
    g_log.reset();
}

QString currentLogFile()
{
    return g_log ? g_log->file.fileName() : QString();
}

} // namespace hd::logging
