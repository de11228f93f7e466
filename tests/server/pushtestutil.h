// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers of the push tests (tst_sync_push, tst_sync_push_kinds): operations, pushes, the feed
// and row counts.
#include "serverfixture.h"

#include <QJsonArray>
#include <QUuid>

inline QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

inline QJsonObject op(const QString &opId, const QString &ticket, const QString &kind,
                      const QJsonObject &payload)
{
    return QJsonObject{
        {"op_id", opId}, {"ticket_uuid", ticket}, {"kind", kind}, {"payload", payload}};
}

inline Reply push(ServerFixture &f, const QByteArray &auth, const QJsonArray &ops,
                  const QString &client = "desk-1")
{
    return f.send("POST", "/api/v1/sync/push",
                  QJsonDocument(QJsonObject{{"client_id", client}, {"ops", ops}}).toJson(), auth);
}

/// The per-op answers of a push that must succeed as a whole.
inline QList<QJsonObject> results(const Reply &r)
{
    if (r.status != 200)
        qFatal("push: %d %s", r.status, r.body.constData());
    QList<QJsonObject> out;
    for (const QJsonValue &v : r.json.value("results").toArray())
        out << v.toObject();
    return out;
}

/// The current feed from 0, by uuid.
inline QHash<QString, QJsonObject> feed(ServerFixture &f, const QByteArray &auth)
{
    const Reply r = f.send("GET", "/api/v1/sync/changes?after=0&limit=5000", {}, auth);
    if (r.status != 200)
        qFatal("feed: %d", r.status);
    QHash<QString, QJsonObject> out;
    for (const QJsonValue &v : r.json.value("changes").toArray()) {
        QJsonObject row = v.toObject().value("row").toObject();
        row.insert("seq", v.toObject().value("seq"));
        out.insert(v.toObject().value("uuid").toString(), row);
    }
    return out;
}

inline QString counts(ServerFixture &f)
{
    return QString("tickets=%1 messages=%2 events=%3 tags=%4 applied=%5 changes=%6")
        .arg(f.count("tickets"))
        .arg(f.count("messages"))
        .arg(f.count("events"))
        .arg(f.count("ticket_tags"))
        .arg(f.count("applied_ops"))
        .arg(f.db->scalar("SELECT coalesce(max(seq), 0) FROM changes")->toLongLong());
}
