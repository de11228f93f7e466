// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Runs the real helpdesk-cli executable (HELPDESK_CLI_PATH, set by the test's CMake target) on a
// database, in English, with a data folder of its own; tests parse --json output and exit codes.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

struct CliRun
{
    int code = -1;
    QByteArray out;
    QString err;
    QJsonValue json() const
    {
        QJsonParseError e;
        const QJsonDocument d = QJsonDocument::fromJson(out, &e);
        if (e.error != QJsonParseError::NoError)
            qWarning("not JSON: %s", out.constData());
        return d.isArray() ? QJsonValue(d.array()) : QJsonValue(d.object());
    }
};

inline CliRun runCli(const QString &dataDir, const QString &db, const QStringList &args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HELPDESK_DATA_DIR"), dataDir);
    env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(HELPDESK_CLI_PATH),
            QStringList{QStringLiteral("--db"), db, QStringLiteral("--lang"), QStringLiteral("en")}
                + args);
    if (!p.waitForFinished(60000))
        qFatal("helpdesk-cli hung");
    return CliRun{p.exitCode(), p.readAllStandardOutput(),
                  QString::fromUtf8(p.readAllStandardError())};
}
