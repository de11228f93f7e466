// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/commands.h"

#include "core/base/version.h"

#include <QJsonObject>

namespace hd::cli {

int runVersion(Context &ctx)
{
    QCommandLineParser p;
    addCommonOptions(p);
    if (!p.parse(ctx.arguments))
        return fail(ctx, p.errorText());
    if (p.isSet(QStringLiteral("help"))) {
        ctx.out << p.helpText();
        return Ok;
    }
    if (p.isSet(QStringLiteral("json")))
        printJson(
            ctx,
            QJsonDocument(QJsonObject{{QStringLiteral("name"), QStringLiteral("helpdesk")},
                                      {QStringLiteral("version"), QString::fromLatin1(kVersion)},
                                      {QStringLiteral("qt"), QString::fromLatin1(qVersion())}}));
    else
        ctx.out << "helpdesk " << kVersion << " (Qt " << qVersion() << ")\n";
    return Ok;
}

const QList<Command> &commands()
{
    static const QList<Command> all = {
        {QStringLiteral("init"), QStringLiteral("init"),
         QT_TRANSLATE_NOOP("HelpdeskCli", "Create or upgrade the database."), runInit},
        {QStringLiteral("seed"), QStringLiteral("seed --tickets N [--seed S] [--years Y]"),
         QT_TRANSLATE_NOOP("HelpdeskCli", "Fill the database with realistic demo data."), runSeed},
        {QStringLiteral("create"),
         QStringLiteral(
             "create --subject S [--body B] [--channel C] [--priority P] [--requester EMAIL]"),
         QT_TRANSLATE_NOOP("HelpdeskCli", "Open a ticket."), runCreate},
        {QStringLiteral("list"),
         QStringLiteral("list [--status S] [--query TEXT] [--limit N] [--sort COL]"),
         QT_TRANSLATE_NOOP("HelpdeskCli", "List tickets."), runList},
        {QStringLiteral("show"), QStringLiteral("show ID"),
         QT_TRANSLATE_NOOP("HelpdeskCli", "Show a ticket with its conversation and history."),
         runShow},
        {QStringLiteral("search"), QStringLiteral("search TEXT [--limit N] [--newest]"),
         QT_TRANSLATE_NOOP("HelpdeskCli", "Full-text search in Korean and English."), runSearch},
        {QStringLiteral("counts"), QStringLiteral("counts [--as AGENT]"),
         QT_TRANSLATE_NOOP("HelpdeskCli", "Ticket counts of the built-in views."), runCounts},
        {QStringLiteral("transition"), QStringLiteral("transition ID STATUS"),
         QT_TRANSLATE_NOOP("HelpdeskCli", "Change a ticket's status."), runTransition},
        {QStringLiteral("assign"), QStringLiteral("assign ID AGENT"),
         QT_TRANSLATE_NOOP("HelpdeskCli", "Assign a ticket to an agent ('none' to unassign)."),
         runAssign},
        {QStringLiteral("note"), QStringLiteral("note ID TEXT"),
         QT_TRANSLATE_NOOP("HelpdeskCli", "Add an internal note (never shown to the customer)."),
         runNote},
        {QStringLiteral("reply"), QStringLiteral("reply ID TEXT"),
         QT_TRANSLATE_NOOP("HelpdeskCli", "Send a public reply to the customer."), runReply},
        {QStringLiteral("merge"), QStringLiteral("merge ID INTO_ID"),
         QT_TRANSLATE_NOOP("HelpdeskCli", "Merge a ticket into another."), runMerge},
        {QStringLiteral("split"), QStringLiteral("split ID MESSAGE_ID..."),
         QT_TRANSLATE_NOOP("HelpdeskCli", "Move messages into a new linked ticket."), runSplit},
        {QStringLiteral("archive"), QStringLiteral("archive [--older-than DAYS]"),
         QT_TRANSLATE_NOOP("HelpdeskCli", "Archive tickets closed long ago."), runArchive},
        {QStringLiteral("import"),
         QStringLiteral("import kakao|channeltalk|csv|auto PATH [--gap MINUTES] [--agent NAME]... "
                        "[--tz ZONE]"),
         QT_TRANSLATE_NOOP("HelpdeskCli",
                           "Import a chat export; conversations are cut into tickets at pauses."),
         runImport},
        {QStringLiteral("login"), QStringLiteral("login --server URL --email EMAIL"),
         QT_TRANSLATE_NOOP("HelpdeskCli",
                           "Sign in to a helpdesk-server (password on stdin); prints the token."),
         runLogin},
        {QStringLiteral("sync"), QStringLiteral("sync [--server URL] [--token-file FILE]"),
         QT_TRANSLATE_NOOP("HelpdeskCli",
                           "Push this replica's changes and pull the server's (token in "
                           "HELPDESK_TOKEN)."),
         runSync},
        {QStringLiteral("customer"),
         QStringLiteral("customer list|search|show|link|identity add ... [--json]"),
         QT_TRANSLATE_NOOP("HelpdeskCli",
                           "Customers across channels: list, search, show, link two into one, "
                           "add an identity."),
         runCustomer},
        {QStringLiteral("report"),
         QStringLiteral("report [--from D] [--to D] [--by day|week|month] [--team T] [--agent A] "
                        "[--channel C] [--category C] [--priority P] [--direction D] "
                        "[--json|--csv]; report --spikes [--date D]"),
         QT_TRANSLATE_NOOP("HelpdeskCli",
                           "Ticket metrics over a period with the previous period for comparison, "
                           "or today's volume spikes."),
         runReport},
        {QStringLiteral("version"), QStringLiteral("version [--json]"),
         QT_TRANSLATE_NOOP("HelpdeskCli", "Print the version of helpdesk and Qt."), runVersion},
    };
    return all;
}

} // namespace hd::cli
