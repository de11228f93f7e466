// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/reporting/schedule.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QUuid>

namespace hd::reporting {

namespace {

constexpr Frequency kFrequencies[] = {Frequency::Daily, Frequency::Weekly, Frequency::Monthly};
constexpr ExportSchedule::Format kFormats[]
    = {ExportSchedule::Csv, ExportSchedule::PdfA4, ExportSchedule::PdfLetter};

QString isoDate(QDate d)
{
    return d.toString(Qt::ISODate);
}

/// Keeps [A-Za-z0-9_-]: file names stay ASCII and never hold a separator.
QString asciiPart(const QString &s)
{
    QString out;
    for (QChar c : s)
        if ((c >= QLatin1Char('a') && c <= QLatin1Char('z'))
            || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
            || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('_')
            || c == QLatin1Char('-'))
            out += c;
    return out;
}

QJsonObject filterToJson(const ReportFilter &f)
{
    QJsonObject o;
    if (f.teamId)
        o.insert(QStringLiteral("team"), *f.teamId);
    if (f.agentId)
        o.insert(QStringLiteral("agent"), *f.agentId);
    if (f.categoryId)
        o.insert(QStringLiteral("category"), *f.categoryId);
    if (f.channel)
        o.insert(QStringLiteral("channel"), hd::wireName(*f.channel));
    if (f.priority)
        o.insert(QStringLiteral("priority"), hd::wireName(*f.priority));
    if (f.direction)
        o.insert(QStringLiteral("direction"), hd::wireName(*f.direction));
    return o;
}

Error invalid(int index, const QString &what)
{
    return Error{ErrorCode::InvalidArgument,
                 ExportSchedule::tr("Scheduled export %1: %2").arg(index + 1).arg(what)};
}

/// An id field: a whole number >= 0 (0 = none).
std::optional<RowId> rowId(const QJsonValue &v)
{
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    if (d < 0 || d > 9.0e15 || d != double(qint64(d)))
        return std::nullopt;
    return RowId(d);
}

Result<ReportFilter> filterFromJson(int index, const QJsonValue &value)
{
    ReportFilter f;
    if (value.isUndefined() || value.isNull())
        return f;
    if (!value.isObject())
        return invalid(index, ExportSchedule::tr("the filter is not an object"));
    const QJsonObject o = value.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString key = it.key();
        bool ok = true;
        if (key == QLatin1String("team") || key == QLatin1String("agent")
            || key == QLatin1String("category")) {
            const auto id = rowId(it.value());
            ok = id.has_value();
            (key == QLatin1String("team")        ? f.teamId
                 : key == QLatin1String("agent") ? f.agentId
                                                 : f.categoryId)
                = id;
        } else if (key == QLatin1String("channel")) {
            f.channel = parseChannel(it.value().toString());
            ok = f.channel.has_value();
        } else if (key == QLatin1String("priority")) {
            f.priority = parsePriority(it.value().toString());
            ok = f.priority.has_value();
        } else if (key == QLatin1String("direction")) {
            f.direction = parseDirection(it.value().toString());
            ok = f.direction.has_value();
        } else {
            return invalid(index, ExportSchedule::tr("unknown filter '%1'").arg(key));
        }
        if (!ok)
            return invalid(index, ExportSchedule::tr("bad value of the filter '%1'").arg(key));
    }
    return f;
}

Result<ExportSchedule> scheduleFromJson(int index, const QJsonValue &value)
{
    if (!value.isObject())
        return invalid(index, ExportSchedule::tr("not an object"));
    const QJsonObject o = value.toObject();
    ExportSchedule s;
    s.id = o.value(QStringLiteral("id")).toString();
    if (s.id.isEmpty())
        return invalid(index, ExportSchedule::tr("the id is missing"));
    const auto frequency = parseFrequency(o.value(QStringLiteral("frequency")).toString());
    if (!frequency)
        return invalid(index, ExportSchedule::tr("the frequency must be daily, weekly or monthly"));
    s.frequency = *frequency;
    const auto format = parseFormat(o.value(QStringLiteral("format")).toString());
    if (!format)
        return invalid(index, ExportSchedule::tr("the format must be csv, pdf-a4 or pdf-letter"));
    s.format = *format;
    s.folder = o.value(QStringLiteral("folder")).toString();
    if (s.folder.isEmpty())
        return invalid(index, ExportSchedule::tr("the folder is missing"));
    const QJsonValue last = o.value(QStringLiteral("lastExportedTo"));
    if (!last.isUndefined() && !last.isNull()) {
        s.lastExportedTo = QDate::fromString(last.toString(), Qt::ISODate);
        if (!s.lastExportedTo.isValid())
            return invalid(index, ExportSchedule::tr("the last export date is not YYYY-MM-DD"));
    }
    auto filter = filterFromJson(index, o.value(QStringLiteral("filter")));
    if (!filter)
        return filter.error();
    s.filter = *filter;
    return s;
}

} // namespace

QString wireName(Frequency f)
{
    switch (f) {
    case Frequency::Daily:
        return QStringLiteral("daily");
    case Frequency::Weekly:
        return QStringLiteral("weekly");
    case Frequency::Monthly:
        return QStringLiteral("monthly");
    }
    return {};
}

std::optional<Frequency> parseFrequency(QStringView s)
{
    for (Frequency f : kFrequencies)
        if (s == wireName(f))
            return f;
    return std::nullopt;
}

QString wireName(ExportSchedule::Format f)
{
    switch (f) {
    case ExportSchedule::Csv:
        return QStringLiteral("csv");
    case ExportSchedule::PdfA4:
        return QStringLiteral("pdf-a4");
    case ExportSchedule::PdfLetter:
        return QStringLiteral("pdf-letter");
    }
    return {};
}

std::optional<ExportSchedule::Format> parseFormat(QStringView s)
{
    for (ExportSchedule::Format f : kFormats)
        if (s == wireName(f))
            return f;
    return std::nullopt;
}

QString fileSuffix(ExportSchedule::Format f)
{
    return f == ExportSchedule::Csv ? QStringLiteral("csv") : QStringLiteral("pdf");
}

ExportSchedule ExportSchedule::create(Frequency frequency, Format format, const QString &folder)
{
    ExportSchedule s;
    s.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    s.frequency = frequency;
    s.format = format;
    s.folder = folder;
    return s;
}

Period lastCompletePeriod(Frequency frequency, QDate today)
{
    switch (frequency) {
    case Frequency::Daily:
        return {today.addDays(-1), today.addDays(-1)};
    case Frequency::Weekly: {
        const QDate monday = today.addDays(1 - today.dayOfWeek());
        return {monday.addDays(-7), monday.addDays(-1)};
    }
    case Frequency::Monthly: {
        const QDate end = QDate(today.year(), today.month(), 1).addDays(-1);
        return {QDate(end.year(), end.month(), 1), end};
    }
    }
    return {};
}

bool isDue(const ExportSchedule &s, QDate today)
{
    const Period p = lastCompletePeriod(s.frequency, today);
    return !s.lastExportedTo.isValid() || s.lastExportedTo < p.to;
}

Granularity exportGranularity(Frequency frequency)
{
    return frequency == Frequency::Monthly ? Granularity::Week : Granularity::Day;
}

ReportQuery exportQuery(const ExportSchedule &s, QDate today)
{
    const Period p = lastCompletePeriod(s.frequency, today);
    ReportQuery q;
    q.from = p.from;
    q.to = p.to;
    q.granularity = exportGranularity(s.frequency);
    q.filter = s.filter;
    return q;
}

QString fileName(const ExportSchedule &s, QDate from, QDate to)
{
    QString name = QStringLiteral("helpdesk-report-") + wireName(s.frequency) + QLatin1Char('-')
        + isoDate(from) + QLatin1Char('_') + isoDate(to);
    const QJsonObject filter = filterToJson(s.filter);
    for (auto it = filter.begin(); it != filter.end(); ++it) {
        const QString value = it.value().isDouble() ? QString::number(it.value().toInteger())
                                                    : it.value().toString();
        name += QLatin1Char('-') + asciiPart(it.key()) + QLatin1Char('-') + asciiPart(value);
    }
    return name + QLatin1Char('.') + fileSuffix(s.format);
}

QString schedulesToJson(const QList<ExportSchedule> &schedules)
{
    QJsonArray list;
    for (const ExportSchedule &s : schedules) {
        QJsonObject o{{QStringLiteral("id"), s.id},
                      {QStringLiteral("frequency"), wireName(s.frequency)},
                      {QStringLiteral("format"), wireName(s.format)},
                      {QStringLiteral("folder"), s.folder}};
        if (s.lastExportedTo.isValid())
            o.insert(QStringLiteral("lastExportedTo"), isoDate(s.lastExportedTo));
        if (s.filter.count())
            o.insert(QStringLiteral("filter"), filterToJson(s.filter));
        list.append(o);
    }
    return QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Compact));
}

Result<QList<ExportSchedule>> schedulesFromJson(const QString &json)
{
    if (json.trimmed().isEmpty())
        return QList<ExportSchedule>{};
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        return Error{ErrorCode::InvalidArgument,
                     ExportSchedule::tr("The scheduled exports are not valid JSON (at %1: %2).")
                         .arg(error.offset)
                         .arg(error.errorString())};
    if (!doc.isArray())
        return Error{ErrorCode::InvalidArgument,
                     ExportSchedule::tr("The scheduled exports are not a JSON array.")};
    QList<ExportSchedule> out;
    QSet<QString> ids;
    const QJsonArray list = doc.array();
    for (int i = 0; i < list.size(); ++i) {
        auto s = scheduleFromJson(i, list.at(i));
        if (!s)
            return s.error();
        if (ids.contains(s->id))
            return invalid(i, ExportSchedule::tr("the id '%1' is used twice").arg(s->id));
        ids.insert(s->id);
        out.append(*s);
    }
    return out;
}

} // namespace hd::reporting
