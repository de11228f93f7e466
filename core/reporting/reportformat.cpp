// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/reporting/reportformat.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QLocale>
#include <QSaveFile>

namespace hd::reporting {

namespace {
/// The translation context of figure names (lupdate reads Figures::tr as hd::reporting::Figures).
class Figures
{
    Q_DECLARE_TR_FUNCTIONS(hd::reporting::Figures)
};

QJsonValue json(const std::optional<double> &v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

QJsonObject durationJson(const DurationStats &d)
{
    return QJsonObject{{QStringLiteral("count"), d.count},
                       {QStringLiteral("mean"), d.count ? QJsonValue(d.mean()) : QJsonValue()},
                       {QStringLiteral("median"), d.count ? QJsonValue(d.median) : QJsonValue()},
                       {QStringLiteral("p90"), d.count ? QJsonValue(d.p90) : QJsonValue()}};
}

QString date(QDate d)
{
    return d.toString(Qt::ISODate);
}

QString csvField(const QString &s)
{
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"'))
        && !s.contains(QLatin1Char('\n')))
        return s;
    QString q = s;
    q.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

QString number(double v)
{
    return QString::number(v, 'g', 12);
}
} // namespace

QList<KpiValue> kpiValues(const Kpis &k)
{
    auto count = [](qint64 v) {
        return std::optional<double>(double(v));
    };
    auto secs = [](const DurationStats &d, qint64 v) {
        return d.count ? std::optional<double>(double(v)) : std::nullopt;
    };
    auto mean = [](const DurationStats &d) {
        return d.count ? std::optional<double>(d.mean()) : std::nullopt;
    };
    using K = KpiValue;
    return {
        {QStringLiteral("created"), Figures::tr("Created"), K::Count, count(k.created)},
        {QStringLiteral("inbound"), Figures::tr("Inbound"), K::Count, count(k.inbound)},
        {QStringLiteral("outbound"), Figures::tr("Outbound"), K::Count, count(k.outbound)},
        {QStringLiteral("solved"), Figures::tr("Solved"), K::Count, count(k.solved)},
        {QStringLiteral("reopened"), Figures::tr("Reopened"), K::Count, count(k.reopened)},
        {QStringLiteral("backlog_start"), Figures::tr("Backlog at start"), K::Count,
         count(k.backlogStart)},
        {QStringLiteral("backlog_end"), Figures::tr("Backlog at end"), K::Count,
         count(k.backlogEnd)},
        {QStringLiteral("first_response_mean"), Figures::tr("First response, mean"), K::Seconds,
         mean(k.firstResponse)},
        {QStringLiteral("first_response_median"), Figures::tr("First response, median"), K::Seconds,
         secs(k.firstResponse, k.firstResponse.median)},
        {QStringLiteral("first_response_p90"), Figures::tr("First response, 90th percentile"),
         K::Seconds, secs(k.firstResponse, k.firstResponse.p90)},
        {QStringLiteral("first_response_business_mean"),
         Figures::tr("First response, business hours, mean"), K::Seconds,
         mean(k.firstResponseBusiness)},
        {QStringLiteral("first_response_business_median"),
         Figures::tr("First response, business hours, median"), K::Seconds,
         secs(k.firstResponseBusiness, k.firstResponseBusiness.median)},
        {QStringLiteral("first_response_business_p90"),
         Figures::tr("First response, business hours, 90th percentile"), K::Seconds,
         secs(k.firstResponseBusiness, k.firstResponseBusiness.p90)},
        {QStringLiteral("resolution_mean"), Figures::tr("Resolution, mean"), K::Seconds,
         mean(k.resolution)},
        {QStringLiteral("resolution_median"), Figures::tr("Resolution, median"), K::Seconds,
         secs(k.resolution, k.resolution.median)},
        {QStringLiteral("resolution_p90"), Figures::tr("Resolution, 90th percentile"), K::Seconds,
         secs(k.resolution, k.resolution.p90)},
        {QStringLiteral("resolution_business_mean"),
         Figures::tr("Resolution, business hours, mean"), K::Seconds, mean(k.resolutionBusiness)},
        {QStringLiteral("resolution_business_median"),
         Figures::tr("Resolution, business hours, median"), K::Seconds,
         secs(k.resolutionBusiness, k.resolutionBusiness.median)},
        {QStringLiteral("resolution_business_p90"),
         Figures::tr("Resolution, business hours, 90th percentile"), K::Seconds,
         secs(k.resolutionBusiness, k.resolutionBusiness.p90)},
        {QStringLiteral("sla_compliance"), Figures::tr("SLA compliance"), K::Ratio,
         k.slaCompliance()},
        {QStringLiteral("first_response_sla_compliance"),
         Figures::tr("First response SLA compliance"), K::Ratio, k.frtSlaCompliance()},
        {QStringLiteral("resolution_sla_compliance"), Figures::tr("Resolution SLA compliance"),
         K::Ratio, k.resSlaCompliance()},
        {QStringLiteral("reopen_rate"), Figures::tr("Reopen rate"), K::Ratio, k.reopenRate()},
        {QStringLiteral("csat_score"), Figures::tr("CSAT score (4-5 of 5)"), K::Ratio,
         k.csatScore()},
        {QStringLiteral("csat_mean"), Figures::tr("CSAT, mean rating"), K::Score, k.csatMean()},
        {QStringLiteral("csat_response_rate"), Figures::tr("CSAT response rate"), K::Ratio,
         k.csatResponseRate()},
        {QStringLiteral("csat_responses"), Figures::tr("CSAT responses"), K::Count,
         count(k.csatResponses)},
    };
}

QString formatDuration(double secs)
{
    const qint64 s = qint64(secs + 0.5);
    if (s < 3600)
        return Figures::tr("%1 min").arg(s / 60);
    if (s < 86400)
        return Figures::tr("%1 h %2 min")
            .arg(s / 3600)
            .arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
    return Figures::tr("%1 d %2 h").arg(s / 86400).arg((s % 86400) / 3600);
}

QString formatValue(KpiValue::Kind kind, const std::optional<double> &value)
{
    if (!value)
        return QStringLiteral("-");
    switch (kind) {
    case KpiValue::Count:
        return QString::number(qint64(*value));
    case KpiValue::Seconds:
        return formatDuration(*value);
    case KpiValue::Ratio:
        return QString::number(*value * 100, 'f', 1) + QLatin1Char('%');
    case KpiValue::Score:
        return QString::number(*value, 'f', 2);
    }
    return {};
}

QJsonObject toJson(const Report &r)
{
    auto kpis = [](const Kpis &k) {
        QJsonObject o;
        for (const KpiValue &v : kpiValues(k))
            if (v.kind == KpiValue::Count)
                o.insert(v.wire, qint64(v.value.value_or(0)));
        o.insert(QStringLiteral("first_response_secs"), durationJson(k.firstResponse));
        o.insert(QStringLiteral("first_response_business_secs"),
                 durationJson(k.firstResponseBusiness));
        o.insert(QStringLiteral("resolution_secs"), durationJson(k.resolution));
        o.insert(QStringLiteral("resolution_business_secs"), durationJson(k.resolutionBusiness));
        o.insert(QStringLiteral("sla_compliance"), json(k.slaCompliance()));
        o.insert(QStringLiteral("first_response_sla"),
                 QJsonObject{{QStringLiteral("total"), k.frtSlaTotal},
                             {QStringLiteral("met"), k.frtSlaMet},
                             {QStringLiteral("compliance"), json(k.frtSlaCompliance())}});
        o.insert(QStringLiteral("resolution_sla"),
                 QJsonObject{{QStringLiteral("total"), k.resSlaTotal},
                             {QStringLiteral("met"), k.resSlaMet},
                             {QStringLiteral("compliance"), json(k.resSlaCompliance())}});
        o.insert(QStringLiteral("resolved"), k.resolved);
        o.insert(QStringLiteral("reopen_rate"), json(k.reopenRate()));
        o.insert(QStringLiteral("csat_score"), json(k.csatScore()));
        o.insert(QStringLiteral("csat_mean"), json(k.csatMean()));
        o.insert(QStringLiteral("csat_response_rate"), json(k.csatResponseRate()));
        o.insert(QStringLiteral("csat_sent"), k.csatSent);
        o.insert(QStringLiteral("csat_satisfied"), k.csatSatisfied);
        return o;
    };
    QJsonArray trend;
    for (const TrendPoint &p : r.trend)
        trend.append(
            QJsonObject{{QStringLiteral("start"), date(p.bucket.start)},
                        {QStringLiteral("end"), date(p.bucket.end)},
                        {QStringLiteral("created"), p.created},
                        {QStringLiteral("solved"), p.solved},
                        {QStringLiteral("reopened"), p.reopened},
                        {QStringLiteral("backlog"), p.backlog},
                        {QStringLiteral("first_response_secs"), durationJson(p.firstResponse)},
                        {QStringLiteral("resolution_secs"), durationJson(p.resolution)}});
    QJsonArray agents;
    for (const AgentRow &a : r.agents)
        agents.append(QJsonObject{
            {QStringLiteral("agent_id"), a.agentId},
            {QStringLiteral("name"), a.name},
            {QStringLiteral("solved"), a.solved},
            {QStringLiteral("first_response_secs"), durationJson(a.firstResponse)},
            {QStringLiteral("resolution_secs"), durationJson(a.resolution)},
            {QStringLiteral("resolution_business_secs"), durationJson(a.resolutionBusiness)},
            {QStringLiteral("csat_responses"), a.csatResponses},
            {QStringLiteral("csat_score"),
             a.csatResponses ? QJsonValue(double(a.csatSatisfied) / double(a.csatResponses))
                             : QJsonValue()}});
    auto mix = [](const QList<MixRow> &rows) {
        QJsonArray out;
        for (const MixRow &m : rows)
            out.append(QJsonObject{{QStringLiteral("key"), m.key},
                                   {QStringLiteral("name"), m.name},
                                   {QStringLiteral("created"), m.created},
                                   {QStringLiteral("solved"), m.solved}});
        return out;
    };
    QJsonArray histogram;
    for (int i = 0; i < kHistogramBuckets; ++i)
        histogram.append(QJsonObject{{QStringLiteral("bucket"), histogramLabel(i)},
                                     {QStringLiteral("tickets"), r.histogram[std::size_t(i)]}});
    return QJsonObject{
        {QStringLiteral("period"),
         QJsonObject{{QStringLiteral("from"), date(r.query.from)},
                     {QStringLiteral("to"), date(r.query.to)},
                     {QStringLiteral("by"), wireName(r.query.granularity)}}},
        {QStringLiteral("previous_period"),
         QJsonObject{{QStringLiteral("from"), date(r.previousQuery.from)},
                     {QStringLiteral("to"), date(r.previousQuery.to)}}},
        {QStringLiteral("current"), kpis(r.current)},
        {QStringLiteral("previous"), kpis(r.previous)},
        {QStringLiteral("trend"), trend},
        {QStringLiteral("agents"), agents},
        {QStringLiteral("mix"),
         QJsonObject{{QStringLiteral("category"), mix(r.categories)},
                     {QStringLiteral("channel"), mix(r.channels)},
                     {QStringLiteral("priority"), mix(r.priorities)},
                     {QStringLiteral("direction"), mix(r.directions)}}},
        {QStringLiteral("resolution_histogram"), histogram},
    };
}

QString toCsv(const Report &r)
{
    QString out = QStringLiteral("section,start,end,key,name,figure,value\n");
    auto line = [&](const QString &section, QDate a, QDate b, const QString &key,
                    const QString &name, const QString &figure, const QString &value) {
        out += section + QLatin1Char(',') + date(a) + QLatin1Char(',') + date(b) + QLatin1Char(',')
            + csvField(key) + QLatin1Char(',') + csvField(name) + QLatin1Char(',') + figure
            + QLatin1Char(',') + value + QLatin1Char('\n');
    };
    for (const auto &[section, k, q] :
         {std::tuple{QStringLiteral("current"), &r.current, &r.query},
          std::tuple{QStringLiteral("previous"), &r.previous, &r.previousQuery}})
        for (const KpiValue &v : kpiValues(*k))
            line(section, q->from, q->to, QString(), QString(), v.wire,
                 v.value ? number(*v.value) : QString());
    for (const TrendPoint &p : r.trend)
        for (const auto &[figure, value] :
             {std::pair{"created", p.created}, std::pair{"solved", p.solved},
              std::pair{"reopened", p.reopened}, std::pair{"backlog", p.backlog}})
            line(QStringLiteral("trend"), p.bucket.start, p.bucket.end, QString(), QString(),
                 QString::fromLatin1(figure), QString::number(value));
    for (const AgentRow &a : r.agents) {
        const QString id = QString::number(a.agentId);
        line(QStringLiteral("agent"), r.query.from, r.query.to, id, a.name,
             QStringLiteral("solved"), QString::number(a.solved));
        if (a.resolution.count)
            line(QStringLiteral("agent"), r.query.from, r.query.to, id, a.name,
                 QStringLiteral("resolution_median"), QString::number(a.resolution.median));
        if (a.csatResponses)
            line(QStringLiteral("agent"), r.query.from, r.query.to, id, a.name,
                 QStringLiteral("csat_score"),
                 number(double(a.csatSatisfied) / double(a.csatResponses)));
    }
    for (const auto &[section, rows] :
         {std::pair{"category", &r.categories}, std::pair{"channel", &r.channels},
          std::pair{"priority", &r.priorities}, std::pair{"direction", &r.directions}})
        for (const MixRow &m : *rows)
            line(QStringLiteral("mix_") + QLatin1String(section), r.query.from, r.query.to, m.key,
                 m.name, QStringLiteral("created"), QString::number(m.created));
    for (int i = 0; i < kHistogramBuckets; ++i)
        line(QStringLiteral("resolution_histogram"), r.query.from, r.query.to, histogramLabel(i),
             QString(), QStringLiteral("resolved"), QString::number(r.histogram[std::size_t(i)]));
    return out;
}

QJsonObject toJson(const SpikeAlert &a)
{
    QJsonArray ids;
    for (RowId id : a.ticketIds)
        ids.append(id);
    return QJsonObject{{QStringLiteral("dimension"), wireName(a.dimension)},
                       {QStringLiteral("key"), a.key},
                       {QStringLiteral("name"), a.name},
                       {QStringLiteral("day"), date(a.day)},
                       {QStringLiteral("count"), a.count},
                       {QStringLiteral("expected"), a.expected},
                       {QStringLiteral("sigma"), a.sigma},
                       {QStringLiteral("ticket_ids"), ids}};
}

Result<void> saveCsv(const Report &r, const QString &path)
{
    const QByteArray bytes = "\xEF\xBB\xBF" + toCsv(r).toUtf8();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Error{ErrorCode::Storage,
                     Figures::tr("Could not write '%1': %2")
                         .arg(QDir::toNativeSeparators(path), file.errorString())};
    return {};
}

} // namespace hd::reporting
