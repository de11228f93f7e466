// SPDX-License-Identifier: GPL-3.0-or-later
// helpdesk-cli customer list|search|show|link|identity add: one customer across channels.
// Customers are named by id, uuid, email address or an identity "channel:handle".
#include "app/cli/commands.h"
#include "app/cli/session.h"
#include "core/domain/json.h"
#include "core/storage/ticketquery.h"

#include <QJsonArray>
#include <QJsonObject>

namespace hd::cli {

namespace {

QCommandLineOption limitOption()
{
    return QCommandLineOption(QStringLiteral("limit"),
                              HelpdeskCli::tr("At most N customers (default 100)."),
                              QStringLiteral("N"), QStringLiteral("100"));
}

int limitFrom(Context &ctx, const QCommandLineParser &p, int *limit)
{
    bool ok = false;
    *limit = p.value(QStringLiteral("limit")).toInt(&ok);
    if (!ok || *limit < 1)
        return fail(ctx,
                    HelpdeskCli::tr("--limit needs a positive number, not '%1'.")
                        .arg(p.value(QStringLiteral("limit"))));
    return Ok;
}

QString identitiesText(const Customer &c)
{
    QStringList parts;
    for (const CustomerIdentity &i : c.identities)
        parts << QString(wireName(i.channel) + QLatin1Char(':') + i.handle);
    return parts.join(QStringLiteral(", "));
}

QJsonObject customerJson(const Customer &c)
{
    QJsonObject o = json::toJson(c);
    o.insert(QStringLiteral("phone"), c.phone.isEmpty() ? QJsonValue() : QJsonValue(c.phone));
    return o;
}

/// Prints customers as a JSON array or one line each.
int printList(Context &ctx, const QCommandLineParser &p, const QList<Customer> &list)
{
    if (wantsJson(p)) {
        QJsonArray a;
        for (const Customer &c : list)
            a.append(customerJson(c));
        printJson(ctx, QJsonDocument(a));
        return Ok;
    }
    for (const Customer &c : list)
        ctx.out << c.id << "  " << c.name << "  " << identitiesText(c) << '\n';
    if (list.isEmpty())
        ctx.out << HelpdeskCli::tr("No customers.") << '\n';
    return Ok;
}

/// Prints one customer with its identities and the number of its tickets.
int printCustomer(Context &ctx, const QCommandLineParser &p, Session &s, RowId id)
{
    auto c = s.directory->customer(id);
    if (!c)
        return failWith(ctx, c.error());
    TicketFilter f;
    f.requesterId = c->id;
    auto tickets = TicketQuery(*s.db).count(f);
    if (!tickets)
        return failWith(ctx, tickets.error());
    if (wantsJson(p)) {
        QJsonObject o = customerJson(*c);
        o.insert(QStringLiteral("tickets"), *tickets);
        printJson(ctx, QJsonDocument(o));
        return Ok;
    }
    ctx.out << HelpdeskCli::tr("Customer %1: %2").arg(QString::number(c->id), c->name) << '\n';
    for (const CustomerIdentity &i : std::as_const(c->identities))
        ctx.out << "  " << wireName(i.channel) << ": " << i.handle << '\n';
    ctx.out << HelpdeskCli::tr("  tickets: %1").arg(*tickets) << '\n';
    return Ok;
}

int listCustomers(Context &ctx)
{
    QCommandLineParser p;
    int rc = Ok;
    const QCommandLineOption after(QStringLiteral("after"),
                                   HelpdeskCli::tr("Only customers with an id above ID."),
                                   QStringLiteral("ID"), QStringLiteral("0"));
    if (!parse(ctx, p, {limitOption(), after}, QString(), 0, 0, &rc))
        return rc;
    int limit = 0;
    if (const int bad = limitFrom(ctx, p, &limit); bad != Ok)
        return bad;
    auto s = Session::open(p);
    if (!s)
        return failWith(ctx, s.error());
    auto list = (*s)->directory->customers(limit, p.value(after).toLongLong());
    if (!list)
        return failWith(ctx, list.error());
    return printList(ctx, p, *list);
}

int searchCustomers(Context &ctx)
{
    QCommandLineParser p;
    int rc = Ok;
    if (!parse(ctx, p, {limitOption()}, QStringLiteral("TEXT"), 1, -1, &rc))
        return rc;
    int limit = 0;
    if (const int bad = limitFrom(ctx, p, &limit); bad != Ok)
        return bad;
    auto s = Session::open(p);
    if (!s)
        return failWith(ctx, s.error());
    auto list = (*s)->directory->searchCustomers(p.positionalArguments().join(QLatin1Char(' ')),
                                                 qMin(limit, 200));
    if (!list)
        return failWith(ctx, list.error());
    return printList(ctx, p, *list);
}

int showCustomer(Context &ctx)
{
    QCommandLineParser p;
    int rc = Ok;
    if (!parse(ctx, p, {}, QStringLiteral("CUSTOMER"), 1, 1, &rc))
        return rc;
    auto s = Session::open(p);
    if (!s)
        return failWith(ctx, s.error());
    auto c = (*s)->directory->findCustomer(p.positionalArguments().at(0));
    if (!c)
        return failWith(ctx, c.error());
    return printCustomer(ctx, p, **s, c->id);
}

int linkCustomers(Context &ctx)
{
    QCommandLineParser p;
    int rc = Ok;
    if (!parse(ctx, p, {}, QStringLiteral("CUSTOMER OTHER"), 2, 2, &rc))
        return rc;
    auto s = Session::open(p);
    if (!s)
        return failWith(ctx, s.error());
    auto keep = (*s)->directory->findCustomer(p.positionalArguments().at(0));
    if (!keep)
        return failWith(ctx, keep.error());
    auto other = (*s)->directory->findCustomer(p.positionalArguments().at(1));
    if (!other)
        return failWith(ctx, other.error());
    if (auto r = (*s)->directory->mergeCustomers(other->id, keep->id); !r)
        return failWith(ctx, r.error());
    if (!wantsJson(p))
        ctx.out << HelpdeskCli::tr("Customer %1 (%2) is now part of customer %3 (%4).")
                       .arg(QString::number(other->id), other->name, QString::number(keep->id),
                            keep->name)
                << '\n';
    return printCustomer(ctx, p, **s, keep->id);
}

int addIdentity(Context &ctx)
{
    QCommandLineParser p;
    int rc = Ok;
    if (!parse(ctx, p, {}, QStringLiteral("CUSTOMER CHANNEL HANDLE"), 3, 3, &rc))
        return rc;
    const QString channelName = p.positionalArguments().at(1);
    const auto channel = parseChannel(channelName);
    if (!channel)
        return fail(ctx,
                    HelpdeskCli::tr("Unknown channel '%1'; use one of: %2.")
                        .arg(channelName, channelNames()));
    auto s = Session::open(p);
    if (!s)
        return failWith(ctx, s.error());
    auto c = (*s)->directory->findCustomer(p.positionalArguments().at(0));
    if (!c)
        return failWith(ctx, c.error());
    if (auto r = (*s)->directory->addIdentity(c->id, *channel, p.positionalArguments().at(2)); !r)
        return failWith(ctx, r.error());
    return printCustomer(ctx, p, **s, c->id);
}

void printUsage(QTextStream &out)
{
    out << HelpdeskCli::tr("Usage:") << '\n'
        << "  helpdesk-cli customer list [--limit N] [--after ID]\n"
        << "  helpdesk-cli customer search TEXT [--limit N]\n"
        << "  helpdesk-cli customer show CUSTOMER\n"
        << "  helpdesk-cli customer link CUSTOMER OTHER\n"
        << "  helpdesk-cli customer identity add CUSTOMER CHANNEL HANDLE\n\n"
        << HelpdeskCli::tr("CUSTOMER is an id, a uuid, an email address or channel:handle "
                           "(e.g. chat_kakao:김철수). 'link' merges OTHER into CUSTOMER: its "
                           "identities and tickets move, and OTHER is removed.")
        << '\n';
}

} // namespace

int runCustomer(Context &ctx)
{
    const QString sub = ctx.arguments.value(1);
    if (sub == QLatin1String("--help") || sub == QLatin1String("-h")) {
        printUsage(ctx.out);
        return Ok;
    }
    if (sub.isEmpty() || sub.startsWith(QLatin1Char('-'))) {
        printUsage(ctx.err);
        return UserError;
    }
    const bool identity = sub == QLatin1String("identity");
    if (identity && ctx.arguments.value(2) != QLatin1String("add"))
        return fail(ctx,
                    HelpdeskCli::tr("Unknown customer identity command '%1'; use add.")
                        .arg(ctx.arguments.value(2)));
    const int consumed = identity ? 3 : 2;
    Context subCtx{QStringList{ctx.arguments.mid(0, consumed).join(QLatin1Char(' '))}
                       + ctx.arguments.mid(consumed),
                   ctx.out, ctx.err};
    if (identity)
        return addIdentity(subCtx);
    if (sub == QLatin1String("list"))
        return listCustomers(subCtx);
    if (sub == QLatin1String("search"))
        return searchCustomers(subCtx);
    if (sub == QLatin1String("show"))
        return showCustomer(subCtx);
    if (sub == QLatin1String("link"))
        return linkCustomers(subCtx);
    return fail(ctx,
                HelpdeskCli::tr("Unknown customer command '%1'; use list, search, show, link or "
                                "identity add.")
                    .arg(sub));
}

} // namespace hd::cli
