// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/cli.h"

namespace hd::cli {

void addCommonOptions(QCommandLineParser &parser)
{
    parser.addHelpOption();
    parser.addOption(
        {QStringLiteral("db"), HelpdeskCli::tr("SQLite database file."), HelpdeskCli::tr("path")});
    parser.addOption(
        {QStringLiteral("json"), HelpdeskCli::tr("Machine-readable output on stdout.")});
    parser.addOption({QStringLiteral("lang"), HelpdeskCli::tr("Language of messages: ko or en."),
                      HelpdeskCli::tr("code")});
}

int fail(Context &ctx, const QString &message)
{
    ctx.err << HelpdeskCli::tr("error: %1").arg(message) << '\n';
    ctx.err.flush();
    return UserError;
}

void printJson(Context &ctx, const QJsonDocument &doc)
{
    ctx.out << doc.toJson(QJsonDocument::Indented);
    ctx.out.flush();
}

} // namespace hd::cli
