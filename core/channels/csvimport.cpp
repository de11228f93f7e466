// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/channels/csvimport.h"

#include "core/channels/csvreader.h"
#include "core/channels/textdecode.h"

#include <QHash>
#include <QSet>

namespace hd::chat {

Result<CsvMapping> CsvMapping::parse(const QString &spec)
{
    CsvMapping m;
    for (const QString &part : spec.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString key = part.section(QLatin1Char('='), 0, 0).trimmed().toLower();
        const QString column = part.section(QLatin1Char('='), 1).trimmed();
        if (column.isEmpty() || !part.contains(QLatin1Char('=')))
            return Error{ErrorCode::InvalidArgument,
                         CsvChatReader::tr("'%1' is not FIELD=COLUMN (e.g. time=Date).").arg(part)};
        if (key == QLatin1String("time"))
            m.time = column;
        else if (key == QLatin1String("text"))
            m.text = column;
        else if (key == QLatin1String("sender"))
            m.sender = column;
        else if (key == QLatin1String("conversation"))
            m.conversation = column;
        else if (key == QLatin1String("role"))
            m.role = column;
        else
            return Error{ErrorCode::InvalidArgument,
                         CsvChatReader::tr(
                             "Unknown field '%1'; use time, text, sender, conversation or role.")
                             .arg(key)};
    }
    if (m.time.isEmpty() || m.text.isEmpty())
        return Error{ErrorCode::InvalidArgument,
                     CsvChatReader::tr("The mapping needs at least time=... and text=....")};
    return m;
}

namespace {
/// Column index by header name (case-insensitive) or 1-based number; -1 when absent.
int columnOf(const QStringList &header, const QString &name)
{
    if (name.isEmpty())
        return -1;
    bool number = false;
    const int n = name.toInt(&number);
    if (number)
        return n >= 1 && n <= header.size() ? n - 1 : -2;
    for (int i = 0; i < header.size(); ++i)
        if (header[i].trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return i;
    return -2;
}

QDateTime parseTime(const QString &text, const CsvMapping &m)
{
    const QString t = text.trimmed();
    QDateTime at = QDateTime::fromString(t, Qt::ISODateWithMs);
    if (at.isValid()) {
        if (at.timeSpec() == Qt::LocalTime)
            at = QDateTime(at.date(), at.time(), m.timeZone);
        return at.toUTC();
    }
    for (const QString &f : m.timeFormats) {
        const QDateTime local = QDateTime::fromString(t, f);
        if (local.isValid())
            return QDateTime(local.date(), local.time(), m.timeZone).toUTC();
    }
    return {};
}
} // namespace

Result<QList<CsvConversation>> CsvChatReader::read(const QByteArray &data,
                                                   const CsvMapping &mapping)
{
    QString encoding;
    const QString text = decodeText(data, &encoding);
    const csv::Table table = csv::parse(text);
    if (table.rows.isEmpty())
        return Error{ErrorCode::InvalidArgument, tr("The CSV file has no header row.")};
    const QStringList header = table.rows.first().fields;
    const int cTime = columnOf(header, mapping.time), cText = columnOf(header, mapping.text),
              cSender = columnOf(header, mapping.sender),
              cConv = columnOf(header, mapping.conversation),
              cRole = columnOf(header, mapping.role);
    for (const auto &[name, index] :
         {std::pair{mapping.time, cTime}, std::pair{mapping.text, cText},
          std::pair{mapping.sender, cSender}, std::pair{mapping.conversation, cConv},
          std::pair{mapping.role, cRole}})
        if (index == -2)
            return Error{ErrorCode::InvalidArgument,
                         tr("No column '%1' in the header (%2).")
                             .arg(name, header.join(QStringLiteral(", ")))};

    QList<CsvConversation> out;
    QHash<QString, int> byKey;
    auto conversation = [&](const QString &key) -> CsvConversation & {
        auto it = byKey.constFind(key);
        if (it == byKey.constEnd()) {
            it = byKey.insert(key, int(out.size()));
            out.append(CsvConversation{key, {}, {}});
            out.last().chat.format = QStringLiteral("csv");
        }
        return out[*it];
    };
    QList<ParseProblem> problems;
    for (const csv::Problem &p : table.problems)
        problems << ParseProblem{p.line, QString(), p.reason};
    const int lastLine = text.count(QLatin1Char('\n')) + (text.endsWith(QLatin1Char('\n')) ? 0 : 1);
    for (int r = 1; r < table.rows.size(); ++r) {
        const csv::Row &row = table.rows[r];
        const int nextLine = r + 1 < table.rows.size() ? table.rows[r + 1].line : lastLine + 1;
        auto field = [&](int c) {
            return c >= 0 && c < row.fields.size() ? row.fields[c] : QString();
        };
        if (row.fields.size() == 1 && row.fields.first().isEmpty())
            continue; // a blank line
        const QDateTime at = parseTime(field(cTime), mapping);
        if (!at.isValid()) {
            problems << ParseProblem{
                row.line, row.fields.join(QLatin1Char(',')).left(200),
                tr("'%1' is not a time in any of the formats %2.")
                    .arg(field(cTime), mapping.timeFormats.join(QStringLiteral(", ")))};
            continue;
        }
        ChatRecord rec;
        rec.at = at;
        rec.sender = field(cSender).trimmed();
        rec.text = field(cText);
        const QString role = field(cRole).trimmed().toLower();
        rec.kind = rec.sender.isEmpty() || role == QLatin1String("system")
                || role == QStringLiteral("시스템")
            ? RecordKind::System
            : RecordKind::Message;
        rec.firstLine = row.line;
        rec.lastLine = qMax(row.line, nextLine - 1);
        CsvConversation &c = conversation(field(cConv).trimmed());
        if ((role == QLatin1String("agent") || role == QStringLiteral("상담원"))
            && !c.agents.contains(rec.sender))
            c.agents << rec.sender;
        c.chat.records << rec;
    }
    if (out.isEmpty())
        conversation(QString());
    for (CsvConversation &c : out) {
        std::stable_sort(c.chat.records.begin(), c.chat.records.end(),
                         [](const ChatRecord &a, const ChatRecord &b) { return a.at < b.at; });
        c.chat.totalLines = int(c.chat.records.size());
    }
    out.first().chat.problems = problems;
    out.first().chat.headerLines = 1;
    return out;
}

} // namespace hd::chat
