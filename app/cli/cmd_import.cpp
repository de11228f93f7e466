// SPDX-License-Identifier: GPL-3.0-or-later
// helpdesk-cli import kakao|channeltalk|csv|auto PATH [--gap MINUTES] [--agent NAME]... [--tz ZONE]
// [--room NAME]: option parsing and printing; the work is chat::importFile (core/channels).
#include "app/cli/commands.h"
#include "app/cli/session.h"
#include "core/channels/fileimport.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QTimeZone>

namespace hd::cli {

namespace {

QJsonObject summaryJson(const chat::ChatImportSummary &s, const QString &format)
{
    QJsonArray problems;
    for (const chat::ParseProblem &p : s.problems)
        problems.append(QJsonObject{{QStringLiteral("line"), p.line},
                                    {QStringLiteral("text"), p.text},
                                    {QStringLiteral("reason"), p.reason}});
    return QJsonObject{{QStringLiteral("format"), format},
                       {QStringLiteral("tickets_created"), s.ticketsCreated},
                       {QStringLiteral("tickets_continued"), s.ticketsContinued},
                       {QStringLiteral("messages_added"), s.messagesAdded},
                       {QStringLiteral("messages_skipped"), s.messagesSkipped},
                       {QStringLiteral("system_events"), s.systemEvents},
                       {QStringLiteral("lines"), s.linesRead},
                       {QStringLiteral("header_lines"), s.headerLines},
                       {QStringLiteral("problems"), problems}};
}

void printSummary(Context &ctx, const chat::ChatImportSummary &total, const QString &format)
{
    ctx.out << HelpdeskCli::tr(
                   "%1: %2 tickets created, %3 continued, %4 messages added, %5 already there, "
                   "%6 system lines, %7 problems.")
                   .arg(format)
                   .arg(total.ticketsCreated)
                   .arg(total.ticketsContinued)
                   .arg(total.messagesAdded)
                   .arg(total.messagesSkipped)
                   .arg(total.systemEvents)
                   .arg(total.problems.size())
            << '\n';
    for (const chat::ParseProblem &pr : std::as_const(total.problems))
        ctx.out << HelpdeskCli::tr("  line %1: %2 (%3)").arg(pr.line).arg(pr.reason, pr.text)
                << '\n';
}

} // namespace

int runImport(Context &ctx)
{
    QCommandLineParser p;
    int rc = Ok;
    const QCommandLineOption gap(
        QStringLiteral("gap"),
        HelpdeskCli::tr("A pause longer than MINUTES starts a new ticket (default 30)."),
        QStringLiteral("MINUTES"));
    const QCommandLineOption maxOpen(
        QStringLiteral("max-open"),
        HelpdeskCli::tr("ChannelTalk: split a chat open longer than HOURS (default 24)."),
        QStringLiteral("HOURS"));
    const QCommandLineOption agent(QStringLiteral("agent"),
                                   HelpdeskCli::tr("A sender on the business side (repeatable)."),
                                   QStringLiteral("NAME"));
    const QCommandLineOption tz(
        QStringLiteral("tz"),
        HelpdeskCli::tr("Time zone of the export's times (default: this machine's)."),
        QStringLiteral("ZONE"));
    const QCommandLineOption room(
        QStringLiteral("room"),
        HelpdeskCli::tr("Name of the conversation (default: the export's title or file name)."),
        QStringLiteral("NAME"));
    const QCommandLineOption map(
        QStringLiteral("map"),
        HelpdeskCli::tr("CSV: which columns hold what, e.g. "
                        "time=Date,sender=User,text=Message,conversation=Room,role=Role."),
        QStringLiteral("SPEC"));
    const QCommandLineOption timeFormat(
        QStringLiteral("time-format"),
        HelpdeskCli::tr("CSV: a time format such as 'yyyy-MM-dd HH:mm' (repeatable)."),
        QStringLiteral("FORMAT"));
    const QCommandLineOption channel(
        QStringLiteral("channel"),
        HelpdeskCli::tr("CSV: the channel of the conversations (default web)."),
        QStringLiteral("C"));
    if (!parse(ctx, p, {gap, maxOpen, agent, tz, room, map, timeFormat, channel},
               QStringLiteral("kakao|channeltalk|csv|auto PATH"), 2, 2, &rc))
        return rc;
    const auto kind = chat::parseImportKind(p.positionalArguments().at(0));
    if (!kind)
        return fail(ctx,
                    HelpdeskCli::tr("Unknown import type '%1'; use kakao, channeltalk, csv or "
                                    "auto (detect from the content).")
                        .arg(p.positionalArguments().at(0)));
    chat::FileImportRequest request;
    request.kind = *kind;
    request.path = p.positionalArguments().at(1);
    bool ok = true;
    request.gapSeconds = p.isSet(gap) ? qint64(p.value(gap).toDouble(&ok) * 60) : 30 * 60;
    if (!ok || request.gapSeconds < 0)
        return fail(
            ctx, HelpdeskCli::tr("--gap needs a number of minutes, not '%1'.").arg(p.value(gap)));
    request.agents = p.values(agent);
    if (p.isSet(tz)) {
        request.zone = QTimeZone(p.value(tz).toUtf8());
        if (!request.zone.isValid())
            return fail(
                ctx,
                HelpdeskCli::tr("Unknown time zone '%1' (use e.g. Asia/Seoul).").arg(p.value(tz)));
    }
    if (p.isSet(room))
        request.room = p.value(room);
    if (!QFileInfo(request.path).isFile())
        return fail(ctx, HelpdeskCli::tr("'%1' is not a readable file.").arg(request.path));

    auto s = Session::open(p);
    if (!s)
        return failWith(ctx, s.error());
    if (request.kind == chat::ImportKind::Csv && !p.isSet(map))
        return fail(
            ctx,
            HelpdeskCli::tr(
                "--map is required for CSV, e.g. --map time=Date,sender=User,text=Message."));
    if (p.isSet(map)) {
        auto mapping = chat::CsvMapping::parse(p.value(map));
        if (!mapping)
            return failWith(ctx, mapping.error());
        if (p.isSet(timeFormat))
            mapping->timeFormats = p.values(timeFormat);
        request.csvMapping = *mapping;
    }
    if (p.isSet(channel)) {
        const auto c = parseChannel(p.value(channel));
        if (!c)
            return fail(ctx,
                        HelpdeskCli::tr("Unknown channel '%1'; use one of: %2.")
                            .arg(p.value(channel), channelNames()));
        request.csvChannel = *c;
    }
    if (p.isSet(maxOpen)) {
        request.maxOpenHours = p.value(maxOpen).toDouble(&ok);
        if (!ok || request.maxOpenHours < 0)
            return fail(ctx,
                        HelpdeskCli::tr("--max-open needs a number of hours, not '%1'.")
                            .arg(p.value(maxOpen)));
    }

    const bool json = wantsJson(p);
    bool printed = false;
    auto progress = [&](chat::ImportPhase phase, qint64 done, qint64 total) {
        if (json)
            return;
        printed = true;
        ctx.err << '\r'
                << (phase == chat::ImportPhase::Reading
                        ? HelpdeskCli::tr("reading: %1 / %2 lines").arg(done).arg(total)
                        : HelpdeskCli::tr("importing: %1 / %2 conversations").arg(done).arg(total))
                << Qt::flush;
    };
    auto r = chat::importFile(*(*s)->store, *(*s)->directory, (*s)->clock, request, progress);
    if (printed)
        ctx.err << '\n';
    if (!r)
        return failWith(ctx, r.error());
    if (json)
        printJson(ctx, QJsonDocument(summaryJson(r->summary, r->format)));
    else
        printSummary(ctx, r->summary, r->format);
    return Ok;
}

} // namespace hd::cli
