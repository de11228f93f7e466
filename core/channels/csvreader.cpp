// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/channels/csvreader.h"

#include <QCoreApplication>

namespace hd::csv {

QChar detectDelimiter(QStringView text)
{
    int comma = 0;
    int semicolon = 0;
    int tab = 0;
    bool quoted = false;
    for (const QChar c : text) {
        if (c == u'"') {
            quoted = !quoted;
            continue;
        }
        if (quoted)
            continue;
        if (c == u'\n' || c == u'\r')
            break;
        if (c == u',')
            ++comma;
        else if (c == u';')
            ++semicolon;
        else if (c == u'\t')
            ++tab;
    }
    if (tab > comma && tab >= semicolon)
        return u'\t';
    if (semicolon > comma)
        return u';';
    return u',';
}

Table parse(QStringView text, QChar delimiter)
{
    Table table;
    table.delimiter = delimiter.isNull() ? detectDelimiter(text) : delimiter;
    const QChar delim = table.delimiter;
    const qsizetype n = text.size();

    int line = 1;
    qsizetype i = 0;
    while (i < n) {
        Row row;
        row.line = line;
        bool rowDone = false;
        while (!rowDone) {
            QString field;
            if (i < n && text[i] == u'"') {
                // Quoted field.
                const int startLine = line;
                ++i;
                bool closed = false;
                while (i < n) {
                    const QChar c = text[i];
                    if (c == u'"') {
                        if (i + 1 < n && text[i + 1] == u'"') {
                            field += u'"';
                            i += 2;
                            continue;
                        }
                        ++i;
                        closed = true;
                        break;
                    }
                    if (c == u'\r' || c == u'\n') {
                        i += (c == u'\r' && i + 1 < n && text[i + 1] == u'\n') ? 2 : 1;
                        ++line;
                        field += u'\n';
                        continue;
                    }
                    // Copy a run of ordinary characters at once.
                    qsizetype j = i + 1;
                    while (j < n && text[j] != u'"' && text[j] != u'\r' && text[j] != u'\n')
                        ++j;
                    field += text.sliced(i, j - i);
                    i = j;
                }
                if (!closed) {
                    table.problems.append(
                        {startLine,
                         QCoreApplication::translate(
                             "hd::csv",
                             "A quoted field that starts on this line is never closed; the rest "
                             "of the text was read into it.")});
                }
            }
            // Unquoted part (or text after a closing quote, kept literally).
            qsizetype j = i;
            while (j < n && text[j] != delim && text[j] != u'\r' && text[j] != u'\n')
                ++j;
            if (j > i)
                field += text.sliced(i, j - i);
            i = j;
            row.fields.append(field);
            if (i >= n) {
                rowDone = true;
            } else if (text[i] == delim) {
                ++i;
            } else {
                i += (text[i] == u'\r' && i + 1 < n && text[i + 1] == u'\n') ? 2 : 1;
                ++line;
                rowDone = true;
            }
        }
        table.rows.append(std::move(row));
    }
    return table;
}

} // namespace hd::csv
