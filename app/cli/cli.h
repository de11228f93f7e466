// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <functional>

namespace hd::cli {

/// Exit codes of the command-line interface.
enum Exit { Ok = 0, UserError = 1, InternalError = 2 };

/// What every command receives: its own arguments, output streams and common options.
struct Context
{
    QStringList arguments; ///< argv starting with the command name
    QTextStream &out;
    QTextStream &err;
};

struct Command
{
    QString name;
    QString synopsis; ///< e.g. "create --subject S [--body B]"
    const char *summary; ///< QT_TRANSLATE_NOOP("HelpdeskCli", ...)
    std::function<int(Context &)> run;
};

/// All commands, in help order. Defined in commands.cpp.
const QList<Command> &commands();

/// Adds --db, --json and --lang to a command's parser.
void addCommonOptions(QCommandLineParser &parser);
/// Prints a user error on stderr and returns UserError.
int fail(Context &ctx, const QString &message);
/// Writes a JSON document (object or array) on stdout, nothing else.
void printJson(Context &ctx, const QJsonDocument &doc);

} // namespace hd::cli

/// Translation context of the command-line interface (global so that lupdate and the runtime
/// agree on the context name "HelpdeskCli").
class HelpdeskCli
{
    Q_DECLARE_TR_FUNCTIONS(HelpdeskCli)
};
