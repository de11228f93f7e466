// SPDX-License-Identifier: GPL-3.0-or-later
// helpdesk-cli: the core from the command line, for automation and scripts.
#include "app/cli/cli.h"
#include "core/base/appinit.h"
#include "core/base/language.h"
#include "core/base/settings.h"
#include "core/base/version.h"

#include <QCoreApplication>
#include <QLocale>

#include <cstdio>

namespace {

void printHelp(QTextStream &out)
{
    out << HelpdeskCli::tr("Usage: helpdesk-cli [--db PATH] COMMAND [options] [--json]") << "\n\n"
        << HelpdeskCli::tr("Commands:") << '\n';
    for (const auto &c : hd::cli::commands())
        out << "  " << c.synopsis << "\n      "
            << QCoreApplication::translate("HelpdeskCli", c.summary) << '\n';
    out << '\n'
        << HelpdeskCli::tr("Options:") << '\n'
        << "  --db PATH      " << HelpdeskCli::tr("SQLite database (default: the data folder)")
        << '\n'
        << "  --json         " << HelpdeskCli::tr("Machine-readable output on stdout") << '\n'
        << "  --lang ko|en   " << HelpdeskCli::tr("Language of messages") << '\n'
        << "  -h, --help     "
        << HelpdeskCli::tr("Show this help; COMMAND --help shows a command's options") << '\n'
        << "  -v, --version  " << HelpdeskCli::tr("Show the version") << '\n';
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    hd::initApplicationInfo();
    hd::Settings settings;
    hd::Language language;
    language.apply(hd::Language::resolve(hd::preScanLanguage(QCoreApplication::arguments()),
                                         settings.value(hd::keys::language),
                                         QLocale::system().uiLanguages()));

    QTextStream out(stdout);
    QTextStream err(stderr);
    QStringList args = QCoreApplication::arguments();
    args.removeFirst();

    // Global options may precede the command: --db PATH, --lang X, --json.
    QStringList global;
    while (!args.isEmpty() && args.first().startsWith(QLatin1String("-"))) {
        const QString a = args.takeFirst();
        if (a == QLatin1String("--version") || a == QLatin1String("-v")) {
            out << QCoreApplication::applicationName() << ' ' << hd::kVersion << '\n';
            return hd::cli::Ok;
        }
        if (a == QLatin1String("--help") || a == QLatin1String("-h")) {
            printHelp(out);
            return hd::cli::Ok;
        }
        global << a;
        if ((a == QLatin1String("--db") || a == QLatin1String("--lang")) && !args.isEmpty())
            global << args.takeFirst();
    }
    if (args.isEmpty()) {
        printHelp(err);
        return hd::cli::UserError;
    }
    const QString name = args.first();
    for (const auto &c : hd::cli::commands()) {
        if (c.name == name) {
            hd::cli::Context ctx{QStringList{name} + args.mid(1) + global, out, err};
            const int rc = c.run(ctx);
            out.flush();
            err.flush();
            return rc;
        }
    }
    err << HelpdeskCli::tr("Unknown command '%1'. Run helpdesk-cli --help for the list.").arg(name)
        << '\n';
    return hd::cli::UserError;
}
