// SPDX-License-Identifier: GPL-3.0-or-later
// Storage benchmark: list pages, deep pages, counts and searches through the core's query
// objects, each beside the equivalent SQL timed in the sqlite3 shell. Prints figures; never
// asserts on time.
//
//   bench_storage --db PATH            use an existing (seeded) database
//   bench_storage --tickets N [--keep PATH]   seed N tickets into a fresh database first
#include "core/base/clock.h"
#include "core/demo/seeder.h"
#include "core/storage/database.h"
#include "core/storage/ticketquery.h"
#include "core/storage/ticketsearch.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace hd;

namespace {

double medianMs(const std::function<void()> &fn, int runs = 5)
{
    fn(); // warm-up
    QList<double> t;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        fn();
        t << double(timer.nsecsElapsed()) / 1e6;
    }
    std::sort(t.begin(), t.end());
    return t[t.size() / 2];
}

/// Median over 5 rounds (after a warm-up round) of the summed "Run Time" of the statements in
/// the sqlite3 shell, with the application's cache settings. -1 when sqlite3 is missing.
double shellMs(const QString &db, const QStringList &statements)
{
    if (statements.isEmpty())
        return -1;
    QString script = QStringLiteral(
        "PRAGMA cache_size=-65536;\nPRAGMA mmap_size=268435456;\n.output /dev/null\n");
    for (const QString &sql : statements)
        script += sql + QStringLiteral(";\n");
    script += QStringLiteral(".timer on\n");
    for (int i = 0; i < 5; ++i)
        for (const QString &sql : statements)
            script += sql + QStringLiteral(";\n");
    QProcess p;
    p.start(QStringLiteral("sqlite3"), {db});
    if (!p.waitForStarted(5000))
        return -1;
    p.write(script.toUtf8());
    p.closeWriteChannel();
    p.waitForFinished(600000);
    const QString out = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
    QList<double> each;
    static const QRegularExpression re(
        QStringLiteral("Run Time: real ([0-9.]+) user ([0-9.]+) sys ([0-9.]+)"));
    for (auto it = re.globalMatch(out); it.hasNext();) {
        const auto m = it.next();
        // real has 1 ms resolution; below it, user+sys is the better figure.
        const double real = m.captured(1).toDouble() * 1000.0;
        const double cpu = (m.captured(2).toDouble() + m.captured(3).toDouble()) * 1000.0;
        each << (real < 1.5 ? cpu : real);
    }
    const qsizetype n = statements.size();
    if (each.size() != 5 * n) {
        std::fprintf(stderr, "sqlite3 said: %s\n", qPrintable(out.left(400)));
        return -1;
    }
    QList<double> rounds;
    for (int r = 0; r < 5; ++r) {
        double sum = 0;
        for (qsizetype i = 0; i < n; ++i)
            sum += each[r * n + i];
        rounds << sum;
    }
    std::sort(rounds.begin(), rounds.end());
    return rounds[2];
}

double shellMs(const QString &db, const QString &sql)
{
    return shellMs(db, QStringList{sql});
}

/// The statements fn runs, with arguments written in.
QStringList traced(Database &db, const std::function<void()> &fn)
{
    QStringList sink;
    db.setTrace(&sink);
    fn();
    db.setTrace(nullptr);
    return sink;
}

void row(const char *what, double ours, double shell, const QString &note = QString())
{
    const QString ratio = shell > 0 ? QString::number(ours / shell, 'f', 2) + QStringLiteral("x")
                                    : QStringLiteral("-");
    std::printf("| %-56s | %10.2f | %10s | %7s | %s\n", what, ours,
                shell >= 0 ? qPrintable(QString::number(shell, 'f', 2)) : "n/a", qPrintable(ratio),
                qPrintable(note));
    std::fflush(stdout);
}

[[maybe_unused]] QString activeUnion(const QString &extra, const QString &order, int limit)
{
    QStringList parts;
    for (const char *s : {"new", "open", "assigned", "pending"})
        parts << QStringLiteral(
                     "SELECT * FROM (SELECT id, updated_at AS k FROM tickets WHERE status='%1' AND "
                     "archived=0 %2 ORDER BY updated_at %3, id %3 LIMIT %4)")
                     .arg(QLatin1String(s), extra, order)
                     .arg(limit);
    return QStringLiteral("SELECT t.id, t.number, t.subject FROM (")
        + parts.join(QStringLiteral(" UNION ALL "))
        + QStringLiteral(") p JOIN tickets t ON t.id = p.id ORDER BY p.k %1, p.id %1 LIMIT %2")
              .arg(order)
              .arg(limit);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption(
        {QStringLiteral("db"), QStringLiteral("Existing database."), QStringLiteral("path")});
    parser.addOption(
        {QStringLiteral("tickets"), QStringLiteral("Seed N tickets first."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("keep"), QStringLiteral("Where to keep the seeded database."),
                      QStringLiteral("path")});
    parser.process(app);

    QTemporaryDir tmp;
    QString path = parser.value(QStringLiteral("db"));
    double seedSeconds = -1;
    if (path.isEmpty()) {
        path = parser.isSet(QStringLiteral("keep")) ? parser.value(QStringLiteral("keep"))
                                                    : tmp.filePath(QStringLiteral("bench.sqlite"));
        QFile::remove(path);
        auto db = Database::open(path);
        if (!db) {
            std::fprintf(stderr, "%s\n", qPrintable(db.errorMessage()));
            return 1;
        }
        SeedOptions o;
        o.tickets = parser.value(QStringLiteral("tickets")).toLongLong();
        if (o.tickets <= 0)
            o.tickets = 10000;
        QElapsedTimer timer;
        timer.start();
        auto r = Seeder(**db, SystemClock::instance().now()).run(o);
        if (!r) {
            std::fprintf(stderr, "%s\n", qPrintable(r.errorMessage()));
            return 1;
        }
        seedSeconds = double(timer.elapsed()) / 1000.0;
    }
    auto opened = Database::open(path);
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.errorMessage()));
        return 1;
    }
    Database &db = **opened;
    TicketQuery query(db);
    TicketSearch search(db);
    const qint64 tickets = db.scalar(QStringLiteral("SELECT count(*) FROM tickets"))->toLongLong();
    const qint64 messages
        = db.scalar(QStringLiteral("SELECT count(*) FROM messages"))->toLongLong();
    const qint64 closed
        = db.scalar(
                QStringLiteral("SELECT count(*) FROM tickets WHERE status='closed' AND archived=0"))
              ->toLongLong();
    std::printf("database: %s\ntickets: %lld, messages: %lld, size: %.1f MiB\n", qPrintable(path),
                tickets, messages, double(QFileInfo(path).size()) / 1048576.0);
    if (seedSeconds >= 0)
        std::printf("seed: %.1f s (%.0f tickets/s)\n", seedSeconds, double(tickets) / seedSeconds);
    std::printf("\n| %-56s | %10s | %10s | %7s |\n", "operation (median of 5, warm)", "ours ms",
                "sqlite3 ms", "ratio");
    std::printf("|%s|%s|%s|%s|\n", QByteArray(58, '-').constData(), QByteArray(12, '-').constData(),
                QByteArray(12, '-').constData(), QByteArray(9, '-').constData());

    const TicketSort byUpdated{SortColumn::Updated, true};
    // Each operation: the API call, and the very statements it ran, in the sqlite3 shell.
    auto measure = [&](const QString &label, const std::function<void()> &fn,
                       const QString &note = QString()) {
        const QStringList sql = traced(db, fn);
        row(qPrintable(label), medianMs(fn), shellMs(path, sql), note);
    };
    const TicketFilter closedView = TicketQuery::withStatus(TicketStatus::Closed);
    measure(QStringLiteral("All open: first page (50)"),
            [&] { (void)query.page(TicketQuery::allOpen(), byUpdated); });
    measure(QStringLiteral("Closed: first page (50)"),
            [&] { (void)query.page(closedView, byUpdated); });
    const qint64 depth = closed / 2;
    auto at = db.exec(
        QStringLiteral(
            "SELECT updated_at, id FROM tickets WHERE status='closed' AND archived=0 ORDER BY "
            "updated_at DESC, id DESC LIMIT 1 OFFSET ?"),
        {qMax<qint64>(0, depth - 1)});
    Cursor deep;
    if (at && at->next())
        deep = Cursor{at->value(0), at->value(1).toLongLong()};
    if (at)
        at->finish();
    measure(
        QStringLiteral("Closed: deep page by keyset"),
        [&] { (void)query.page(closedView, byUpdated, deep); },
        QStringLiteral("row %1 of %2").arg(depth).arg(closed));
    row("(contrast: the same page by OFFSET, shell)",
        shellMs(path,
                QStringLiteral(
                    "SELECT id, number, subject FROM tickets WHERE status='closed' AND archived=0 "
                    "ORDER BY updated_at DESC, id DESC LIMIT 50 OFFSET %1")
                    .arg(depth)),
        -1);
    measure(QStringLiteral("Closed: jump to the end"),
            [&] { (void)query.lastPage(closedView, byUpdated); });
    const RowId agent
        = db.scalar(QStringLiteral(
                        "SELECT assignee_id FROM tickets WHERE status IN ('assigned','pending') "
                        "GROUP BY assignee_id ORDER BY count(*) DESC LIMIT 1"))
              ->toLongLong();
    measure(QStringLiteral("My tickets (busiest agent): first page"),
            [&] { (void)query.page(TicketQuery::myTickets(agent), byUpdated); });
    measure(QStringLiteral("All open sorted by SLA due"), [&] {
        (void)query.page(TicketQuery::allOpen(), {SortColumn::SlaDue, false});
    });
    measure(QStringLiteral("All open sorted by subject"), [&] {
        (void)query.page(TicketQuery::allOpen(), {SortColumn::Subject, false});
    });
    measure(QStringLiteral("Navigator counts (7 views)"), [&] { (void)query.viewCounts(agent); });
    measure(QStringLiteral("Count: all open"), [&] { (void)query.count(TicketQuery::allOpen()); });
    measure(QStringLiteral("Count: closed"), [&] { (void)query.count(closedView); });

    const char *searches[][2] = {
        {"Korean 1 syllable", "환"},      {"Korean 2 syllables", "결제"},
        {"Korean 3 syllables", "결제가"}, {"English word", "refund"},
        {"English prefix", "deliv"},      {"mixed", "환불 refund"},
    };
    for (const auto &s : searches) {
        const QString text = QString::fromUtf8(s[1]);
        const qint64 hits = search.count(text).value();
        SearchOptions newest;
        newest.order = SearchOptions::Order::Newest;
        const QString name
            = QString::fromUtf8(s[0]) + QStringLiteral(" '") + text + QLatin1Char('\'');
        measure(
            QStringLiteral("Search %1: newest 20 + snippets").arg(name),
            [&] { (void)search.search(text, newest); }, QStringLiteral("%1 tickets hit").arg(hits));
        measure(QStringLiteral("Search %1: best 20 + snippets").arg(name),
                [&] { (void)search.search(text); });
        TicketFilter f = TicketQuery::allOpen();
        f.text = text;
        measure(QStringLiteral("Search %1 within All open").arg(name),
                [&] { (void)query.page(f, byUpdated); });
    }
    return 0;
}
