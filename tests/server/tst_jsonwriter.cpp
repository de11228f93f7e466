// SPDX-License-Identifier: GPL-3.0-or-later
// JsonWriter writes what QJsonDocument reads back to the same values: escapes, Korean and
// characters outside the BMP, nesting and commas, raw fragments, and times on both sides of the
// epoch, leap days and year ends, formatted exactly as QDateTime's ISO 8601 with milliseconds.
#include "server/jsonwriter.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimeZone>

using hd::server::JsonWriter;

class TestJsonWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void stringsRoundTrip_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("plain") << QString("hello");
        QTest::newRow("empty") << QString("");
        QTest::newRow("quotes and backslashes") << QString("say \"hi\" \\ C:\\path\\");
        QTest::newRow("controls") << QString("line\nnext\r\ttab\b\f") + QChar(0x01) + QChar(0x1f);
        QTest::newRow("nul") << QString(QChar(0)) + "after";
        QTest::newRow("korean") << QString("배송이 늦어요 — 환불해 주세요");
        QTest::newRow("emoji (surrogate pair)") << QString::fromUtf8("고마워요 😀👍");
        QTest::newRow("json-looking") << QString("{\"a\":[1,2]}, null");
        QTest::newRow("del and latin-1") << QString("\x7f é ß");
    }
    void stringsRoundTrip()
    {
        QFETCH(QString, text);
        JsonWriter w;
        w.beginObject();
        w.key(QLatin1StringView("s"));
        w.string(text);
        w.endObject();
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(w.data(), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(doc.object().value("s").toString(), text);
        // The same text QJsonDocument writes.
        QCOMPARE(w.data(), QJsonDocument(QJsonObject{{"s", text}}).toJson(QJsonDocument::Compact));
    }

    void nestingAndCommas()
    {
        JsonWriter w;
        w.beginObject();
        w.key(QLatin1StringView("a"));
        w.number(-42);
        w.key(QLatin1StringView("b"));
        w.beginArray();
        w.boolean(true);
        w.null();
        w.beginObject();
        w.endObject();
        w.beginArray();
        w.endArray();
        w.raw("1,2");
        w.endArray();
        w.key(QLatin1StringView("c"));
        w.raw("{\"x\":1}");
        w.key(QLatin1StringView("d"));
        w.number(9007199254740993LL);
        w.endObject();
        QCOMPARE(w.data(),
                 QByteArray("{\"a\":-42,\"b\":[true,null,{},[],1,2],\"c\":{\"x\":1},"
                            "\"d\":9007199254740993}"));
        QVERIFY(!QJsonDocument::fromJson(w.data()).isNull());
    }

    void timesMatchQDateTime_data()
    {
        QTest::addColumn<qint64>("ms");
        for (const char *iso :
             {"1970-01-01T00:00:00.000Z", "1969-12-31T23:59:59.999Z", "2000-02-29T12:00:00.001Z",
              "2024-02-29T23:59:59.999Z", "2025-12-31T23:59:59.999Z", "2026-01-01T00:00:00.000Z",
              "2100-03-01T00:00:00.000Z", "1900-01-01T00:00:00.000Z", "2026-12-04T09:30:15.250Z"})
            QTest::newRow(iso) << QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs)
                                      .toMSecsSinceEpoch();
    }
    void timesMatchQDateTime()
    {
        QFETCH(qint64, ms);
        JsonWriter w;
        w.time(ms);
        const QString expected = QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc())
                                     .toUTC()
                                     .toString(Qt::ISODateWithMs);
        QCOMPARE(QString::fromUtf8(w.data()), '"' + expected + '"');
    }
};

QTEST_GUILESS_MAIN(TestJsonWriter)
#include "tst_jsonwriter.moc"
