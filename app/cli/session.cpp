// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/session.h"

#include "core/base/paths.h"
#include "core/base/settings.h"

#include <QFileInfo>

namespace hd::cli {

Result<std::unique_ptr<Session>> Session::open(const QCommandLineParser &parser)
{
    QString path = parser.value(QStringLiteral("db"));
    if (path.isEmpty())
        path = Settings().value(keys::databasePath);
    if (path.isEmpty())
        path = paths::defaultDatabasePath();
    auto db = Database::openLocal(path);
    if (!db)
        return db.error();
    auto s = std::make_unique<Session>();
    s->db = std::move(db).value();
    s->directory = std::make_unique<Directory>(*s->db, s->clock);
    s->store = std::make_unique<TicketStore>(*s->db, s->clock);
    s->outbox = std::make_unique<sync::Outbox>(*s->db, s->clock);
    auto replica = sync::replica::isReplica(*s->db);
    if (!replica)
        return replica.error();
    if (*replica)
        s->store->setJournal(s->outbox.get());
    return s;
}

Result<Agent> Session::actingAgent(const QCommandLineParser &parser)
{
    const QString as
        = parser.isSet(QStringLiteral("as")) ? parser.value(QStringLiteral("as")) : QString();
    if (!as.isEmpty())
        return directory->findAgent(as);
    auto all = directory->agents();
    if (!all)
        return all.error();
    if (!all->isEmpty()) {
        Agent first = all->first();
        for (const Agent &a : *all)
            if (a.id < first.id)
                first = a;
        return first;
    }
    Agent a;
    a.name = QStringLiteral("helpdesk-cli");
    a.role = AgentRole::Admin;
    return directory->addAgent(a);
}

bool parse(Context &ctx, QCommandLineParser &parser, const QList<QCommandLineOption> &options,
           const QString &positional, int minPositional, int maxPositional, int *rc)
{
    addCommonOptions(parser);
    parser.addOptions(options);
    if (!positional.isEmpty())
        parser.addPositionalArgument(positional, QString());
    if (!parser.parse(ctx.arguments)) {
        *rc = fail(ctx, parser.errorText());
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        ctx.out << parser.helpText();
        *rc = Ok;
        return false;
    }
    const int n
        = int(parser.positionalArguments().size()); // argv[0] (the command) is not among them
    if (n < minPositional || (maxPositional >= 0 && n > maxPositional)) {
        *rc = fail(ctx,
                   HelpdeskCli::tr("wrong number of arguments; usage: helpdesk-cli %1 %2")
                       .arg(ctx.arguments.value(0), positional));
        return false;
    }
    return true;
}

int failWith(Context &ctx, const Error &e)
{
    fail(ctx, e.message);
    return e.code == ErrorCode::Storage || e.code == ErrorCode::Internal ? InternalError
                                                                         : UserError;
}

bool wantsJson(const QCommandLineParser &p)
{
    return p.isSet(QStringLiteral("json"));
}

} // namespace hd::cli
