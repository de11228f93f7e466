// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/jsonwriter.h"

#include <cstdio>

namespace hd::server {

void JsonWriter::string(QStringView s)
{
    separate();
    const QByteArray utf8 = s.toUtf8();
    m_out.reserve(m_out.size() + utf8.size() + 2);
    m_out += '"';
    for (const char c : utf8) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            m_out += '\\';
            m_out += c;
        } else if (u < 0x20) {
            switch (c) {
            case '\n':
                m_out += "\\n";
                break;
            case '\r':
                m_out += "\\r";
                break;
            case '\t':
                m_out += "\\t";
                break;
            case '\b':
                m_out += "\\b";
                break;
            case '\f':
                m_out += "\\f";
                break;
            default: {
                char esc[8];
                std::snprintf(esc, sizeof esc, "\\u%04x", u);
                m_out += esc;
            }
            }
        } else {
            m_out += c;
        }
    }
    m_out += '"';
}

void JsonWriter::time(qint64 msecs)
{
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm), no time zone lookups.
    qint64 days = msecs >= 0 ? msecs / 86'400'000 : (msecs - 86'399'999) / 86'400'000;
    qint64 ms = msecs - days * 86'400'000;
    days += 719468;
    const qint64 era = (days >= 0 ? days : days - 146096) / 146097;
    const qint64 doe = days - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    const qint64 d = doy - (153 * mp + 2) / 5 + 1;
    const qint64 m = mp < 10 ? mp + 3 : mp - 9;
    const qint64 y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    char buf[96]; // roomy: the compiler cannot see that every field fits its width
    std::snprintf(buf, sizeof buf, "\"%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.%03lldZ\"",
                  static_cast<long long>(y), static_cast<long long>(m), static_cast<long long>(d),
                  static_cast<long long>(ms / 3'600'000), static_cast<long long>(ms / 60'000 % 60),
                  static_cast<long long>(ms / 1000 % 60), static_cast<long long>(ms % 1000));
    separate();
    m_out += buf;
}

} // namespace hd::server
