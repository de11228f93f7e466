// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QChar>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace hd::csv {

/// One record of a CSV text.
struct Row
{
    QStringList fields;
    int line = 0; ///< 1-based line where the row starts
};

/// Something the reader had to guess about; the text is still read as far as possible.
struct Problem
{
    int line = 0; ///< 1-based line where the problem starts (for a quote: where the field began)
    QString reason; ///< translated
};

/// A parsed CSV text.
struct Table
{
    QList<Row> rows;
    QList<Problem> problems;
    QChar delimiter; ///< the one used (detected or given)
};

/// RFC 4180: quoted fields with "" escapes and embedded CR/LF newlines, CRLF/LF/CR line ends;
/// delimiter ',', ';' or '\t' auto-detected from the first line when `delimiter` is null. An
/// unterminated quote is a Problem naming the line where the field began (the rest is still
/// returned as best effort), never a crash. Empty trailing line ignored.
///
/// Details: line breaks inside quoted fields are returned as '\n' whatever the file used; a blank
/// line is a row with one empty field; a quote inside an unquoted field and text after a closing
/// quote are kept literally (lenient, like most spreadsheet programs). Linear in the input.
Table parse(QStringView text, QChar delimiter = QChar());

/// The delimiter parse() would detect: the most frequent of ',', ';', '\t' outside quotes on the
/// first line; ',' when none occurs.
QChar detectDelimiter(QStringView text);

} // namespace hd::csv
