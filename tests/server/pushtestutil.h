// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers of the push tests (tst_sync_push, tst_sync_push_kinds): operations, pushes, the feed
// and row counts.
#include "serverfixture.h"

#include <QJsonArray>
#include <QUuid>

#include <tuple>

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

/// The answers of one push of ops whose results must be `expected` (applied, duplicate or a
/// rejection code) in order.
inline QList<QJsonObject> expect(ServerFixture &f, const QByteArray &auth, const QJsonArray &ops,
                                 const QStringList &expected, const QString &client = "desk-1")
{
    const QList<QJsonObject> got = results(push(f, auth, ops, client));
    if (got.size() != expected.size())
        qFatal("%lld answers for %lld expected", qint64(got.size()), qint64(expected.size()));
    for (int i = 0; i < got.size(); ++i) {
        const QString r = got[i].value("result").toString();
        const QString what = r == "rejected" ? got[i].value("code").toString() : r;
        if (what != expected[i])
            qWarning("op %d: %s", i,
                     QJsonDocument(got[i]).toJson(QJsonDocument::Compact).constData());
        if (what != expected[i])
            return {};
    }
    return got;
}

/// A push of malformed or refused ops, each answered with code and a message mentioning a word.
inline bool refusedEach(ServerFixture &f, const QByteArray &auth,
                        const QList<std::tuple<QJsonObject, QString, QString>> &cases)
{
    QJsonArray ops;
    for (const auto &c : cases)
        ops << std::get<0>(c);
    const QList<QJsonObject> got = results(push(f, auth, ops));
    bool ok = got.size() == cases.size();
    for (int i = 0; ok && i < got.size(); ++i) {
        const QJsonObject &g = got[i];
        if (g.value("result") != "rejected" || g.value("code") != std::get<1>(cases[i])
            || !g.value("message").toString().contains(std::get<2>(cases[i]))) {
            qWarning("case %d: %s", i, QJsonDocument(g).toJson(QJsonDocument::Compact).constData());
            ok = false;
        }
    }
    return ok;
}

inline QJsonObject withBase(QJsonObject o, const QJsonObject &base)
{
    o.insert("base", base);
    return o;
}

inline QJsonObject overwrote(const QString &field, const QJsonValue &value, const QJsonValue &by,
                             const QJsonValue &at)
{
    return {{"field", field}, {"value", value}, {"by", by}, {"at", at}};
}
