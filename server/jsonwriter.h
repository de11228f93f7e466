// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QLatin1StringView>
#include <QStringView>

#include <vector>

namespace hd::server {

/// Writes compact JSON text straight into a byte array: what the change feed sends by the
/// hundred thousand rows, without building a QJsonObject per row (whose inserts and copies
/// were most of the server's time per page). The output is what QJsonDocument::toJson(Compact)
/// writes for the same values: UTF-8, only '"', '\\' and control characters escaped.
class JsonWriter
{
public:
    void beginObject() { open('{'); }
    void endObject() { close('}'); }
    void beginArray() { open('['); }
    void endArray() { close(']'); }

    /// "name": — the next call writes its value.
    void key(QLatin1StringView name)
    {
        separate();
        m_out += '"';
        m_out.append(name.data(), name.size());
        m_out += "\":";
        m_afterKey = true;
    }
    void string(QStringView s);
    void number(qint64 v)
    {
        separate();
        m_out += QByteArray::number(v);
    }
    void boolean(bool v)
    {
        separate();
        m_out += v ? "true" : "false";
    }
    void null()
    {
        separate();
        m_out += "null";
    }
    /// ms since the epoch as ISO 8601 UTC with milliseconds ("2026-12-04T09:30:00.000Z").
    void time(qint64 msecs);
    /// Already-written JSON (a value or, inside an array, several comma-separated values).
    void raw(const QByteArray &json)
    {
        separate();
        m_out += json;
    }

    [[nodiscard]] const QByteArray &data() const { return m_out; }
    QByteArray take() { return std::move(m_out); }

private:
    void separate()
    {
        if (m_afterKey) {
            m_afterKey = false;
            return;
        }
        if (!m_first.empty()) {
            if (!m_first.back())
                m_out += ',';
            m_first.back() = false;
        }
    }
    void open(char c)
    {
        separate();
        m_out += c;
        m_first.push_back(true);
    }
    void close(char c)
    {
        m_out += c;
        m_first.pop_back();
    }

    QByteArray m_out;
    std::vector<bool> m_first; ///< per open container: nothing written in it yet
    bool m_afterKey = false;
};

} // namespace hd::server
