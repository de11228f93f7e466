// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: RFC 4180 CSV reader on arbitrary bytes decoded as UTF-8.
#include "core/channels/csvreader.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

[[noreturn]] void fail(const char *what, qint64 a = 0, qint64 b = 0)
{
    std::fprintf(stderr, "fuzz_csv: invariant violated: %s (%lld, %lld)\n", what,
                 static_cast<long long>(a), static_cast<long long>(b));
    std::abort();
}

/// Lines of the text as the reader counts them: CRLF, LF and CR each end one.
qint64 lineCount(QStringView text)
{
    qint64 lines = 1;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == u'\r') {
            ++lines;
            if (i + 1 < text.size() && text[i + 1] == u'\n')
                ++i;
        } else if (text[i] == u'\n') {
            ++lines;
        }
    }
    return lines;
}

void check(const hd::csv::Table &table, qint64 lines)
{
    int previous = 1;
    for (const hd::csv::Row &row : table.rows) {
        if (row.line < previous)
            fail("row line numbers decrease", previous, row.line);
        if (row.line > lines)
            fail("row line after the last line", row.line, lines);
        if (row.fields.isEmpty())
            fail("a row without fields", row.line);
        previous = row.line;
    }
    for (const hd::csv::Problem &p : table.problems)
        if (p.line < 1 || p.line > lines || p.reason.isEmpty())
            fail("problem line outside the input or without a reason", p.line, lines);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const qint64 lines = lineCount(text);

    const hd::csv::Table detected = hd::csv::parse(text);
    check(detected, lines);
    if (detected.delimiter != hd::csv::detectDelimiter(text))
        fail("parse() and detectDelimiter() disagree");

    // Giving the detected delimiter explicitly must read the same table.
    const hd::csv::Table given = hd::csv::parse(text, detected.delimiter);
    if (given.rows.size() != detected.rows.size()
        || given.problems.size() != detected.problems.size())
        fail("explicit delimiter reads a different table", given.rows.size(), detected.rows.size());
    for (qsizetype i = 0; i < given.rows.size(); ++i)
        if (given.rows[i].fields != detected.rows[i].fields
            || given.rows[i].line != detected.rows[i].line)
            fail("explicit delimiter reads a different row", i);

    // Another delimiter still keeps the line invariants.
    check(hd::csv::parse(text, QLatin1Char(';')), lines);
    return 0;
}
