// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/cli.h"
#include "core/base/version.h"

#include <QJsonObject>

namespace hd::cli {

namespace {

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

} // namespace

const QList<Command> &commands()
{
    static const QList<Command> all = {
        {QStringLiteral("version"), QStringLiteral("version [--json]"),
         QT_TRANSLATE_NOOP("HelpdeskCli", "Print the version of helpdesk and Qt."), runVersion},
    };
    return all;
}

} // namespace hd::cli
