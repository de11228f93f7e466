// SPDX-License-Identifier: GPL-3.0-or-later
// Agent workspace benchmark: the main window and the ticket list model on a large database.
// Prints time from start to the first rows shown, time to apply filters, to jump to the end
// and to the middle of a list, and resident memory. Never asserts on time.
//
//   bench_workspace --db PATH            an existing (seeded) database; refused when opening
//                                        it would migrate it, unless --migrate (for a copy)
//   bench_workspace --tickets N          seed N tickets into a temporary database first
#include "core/base/clock.h"
#include "core/base/language.h"
#include "core/base/settings.h"
#include "core/demo/seeder.h"
#include "core/storage/database.h"
#include "ui/mainwindow.h"
#include "ui/ticketlistmodel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace hd;

namespace {

QElapsedTimer g_start;

double ms(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

/// Resident memory from /proc/self/status, in MiB: total, anonymous (heap), file (mapped db).
QString memory()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("n/a");
    QString out;
    for (const QByteArray &line : f.readAll().split('\n')) {
        for (const char *key : {"VmRSS:", "RssAnon:", "RssFile:"}) {
            if (line.startsWith(key)) {
                const double kib = line.mid(qstrlen(key)).trimmed().split(' ').value(0).toDouble();
                out += QStringLiteral("%1 %2 MiB  ")
                           .arg(QLatin1String(key).chopped(1))
                           .arg(kib / 1024.0, 0, 'f', 1);
            }
        }
    }
    return out.trimmed();
}

void row(const QString &what, double first, double again, const QString &note = QString())
{
    std::printf("| %-52s | %9.2f | %9s | %s\n", qPrintable(what), first,
                again >= 0 ? qPrintable(QString::number(again, 'f', 2)) : "-", qPrintable(note));
    std::fflush(stdout);
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? -1 : v[v.size() / 2];
}

/// Runs the event loop until done() or 60 s.
bool spin(const std::function<bool()> &done)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < 60000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    return done();
}

int schemaVersionReadOnly(const QString &path)
{
    int version = -1;
    {
        QSqlDatabase c
            = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("probe"));
        c.setDatabaseName(path);
        c.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (c.open()) {
            QSqlQuery q(c);
            if (q.exec(QStringLiteral("PRAGMA user_version")) && q.next())
                version = q.value(0).toInt();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("probe"));
    return version;
}

} // namespace

int main(int argc, char *argv[])
{
    g_start.start();
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("db"), QStringLiteral("Existing database (not changed)."),
                      QStringLiteral("path")});
    parser.addOption(
        {QStringLiteral("tickets"), QStringLiteral("Seed N tickets first."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("migrate"),
                      QStringLiteral("Let --db be migrated to this build's schema (a copy).")});
    parser.process(app);

    QTemporaryDir tmp;
    QString path = parser.value(QStringLiteral("db"));
    QElapsedTimer seeding;
    seeding.start();
    if (path.isEmpty()) {
        path = tmp.filePath(QStringLiteral("bench.sqlite"));
        auto db = Database::open(path);
        if (!db) {
            std::fprintf(stderr, "%s\n", qPrintable(db.errorMessage()));
            return 1;
        }
        SeedOptions o;
        o.tickets = qMax<qint64>(100, parser.value(QStringLiteral("tickets")).toLongLong());
        if (auto r = Seeder(**db, SystemClock::instance().now()).run(o); !r) {
            std::fprintf(stderr, "%s\n", qPrintable(r.errorMessage()));
            return 1;
        }
    } else if (schemaVersionReadOnly(path) != Database::latestSchemaVersion()
               && !parser.isSet(QStringLiteral("migrate"))) {
        // Opening would migrate it: a shared benchmark database must not change.
        std::fprintf(stderr, "%s has schema %d, this build expects %d: use a copy.\n",
                     qPrintable(path), schemaVersionReadOnly(path),
                     Database::latestSchemaVersion());
        return 1;
    }
    const double seedMs = path == tmp.filePath(QStringLiteral("bench.sqlite")) ? ms(seeding) : 0;
    QElapsedTimer sinceOpen;
    sinceOpen.start();
    auto opened = Database::open(path);
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.errorMessage()));
        return 1;
    }
    Database &db = **opened;
    std::printf("database: %s\n\n", qPrintable(path));

    // 1. Start: the main window on "All open" until its first rows are read.
    {
        Settings settings(tmp.filePath(QStringLiteral("bench.ini")));
        Language language;
        language.apply(QStringLiteral("en"));
        QElapsedTimer t;
        t.start();
        MainWindow w(settings, language, db);
        w.show();
        auto *list = w.findChild<QAbstractItemView *>(QStringLiteral("ticketList"));
        auto *model = qobject_cast<TicketListModel *>(list->model());
        const bool ok
            = spin([&] { return model && (model->rowCount() == 0 || model->isRowLoaded(0)); });
        const double window = ms(t);
        std::printf("start to first rows shown: %.1f ms since the process started (seeding "
                    "excluded), %.1f ms since opening the database, %.1f ms for the main window "
                    "(%s)\n",
                    ms(g_start) - seedMs, ms(sinceOpen), window, ok ? "rows shown" : "TIMED OUT");
        std::printf("memory after start: %s\n\n", qPrintable(memory()));

        // The same window: a long view, the End key, a text typed into the filter bar.
        auto *nav = w.findChild<QTreeWidget *>(QStringLiteral("navigator"));
        auto *text = w.findChild<QLineEdit *>(QStringLiteral("filterText"));
        auto firstShown = [&] {
            return model->rowCount() == 0 || model->isRowLoaded(0);
        };
        t.restart();
        nav->setCurrentItem(nav->topLevelItem(5)); // Closed
        spin(firstShown);
        std::printf("window: open Closed (%d rows): %.1f ms\n", model->rowCount(), ms(t));
        t.restart();
        list->setFocus();
        QTest::keyClick(list, Qt::Key_End);
        spin([&] { return model->isRowLoaded(model->rowCount() - 1); });
        std::printf("window: End key to the last row: %.1f ms\n", ms(t));
        t.restart();
        QTest::keyClick(list, Qt::Key_Home);
        spin(firstShown);
        std::printf("window: Home key back to the first row: %.1f ms\n", ms(t));
        for (const char *term : {"환불", "refund"}) {
            t.restart();
            text->setText(QString::fromUtf8(term));
            QMetaObject::invokeMethod(text, "returnPressed");
            spin(firstShown);
            std::printf("window: search '%s' in Closed: %.1f ms (%d rows%s)\n", term, ms(t),
                        model->rowCount(), model->isCountExact() ? "" : ", counting");
        }
        t.restart();
        spin([&] { return !model->isWalking(); });
        std::printf("window: 'refund' in Closed counted (hits read, list walked) on idle time "
                    "%.1f ms later: %d rows\n",
                    ms(t), model->rowCount());
        std::printf("memory with the window on Closed: %s\n\n", qPrintable(memory()));
    }

    const qint64 tickets = db.scalar(QStringLiteral("SELECT count(*) FROM tickets"))->toLongLong();
    std::printf("tickets: %lld\n\n", tickets);

    // 2. The list model: filters, jumps, sorts.
    const ManualClock clock;
    TicketListModel model(db, clock);
    const RowId busiest
        = db.scalar(QStringLiteral("SELECT assignee_id FROM tickets WHERE assignee_id IS NOT NULL "
                                   "GROUP BY assignee_id ORDER BY count(*) DESC LIMIT 1"))
              ->toLongLong();
    const TicketSort byUpdated{SortColumn::Updated, true};
    auto apply = [&](const TicketFilter &f, const TicketSort &s = {SortColumn::Updated, true}) {
        QElapsedTimer t;
        t.start();
        model.setQuery(f, s);
        model.fetchRows(0, 49);
        return ms(t);
    };
    std::printf("| %-52s | %9s | %9s |\n", "operation", "first ms", "again ms");
    std::printf("|%s|%s|%s|\n", QByteArray(54, '-').constData(), QByteArray(11, '-').constData(),
                QByteArray(11, '-').constData());

    struct Case
    {
        QString name;
        TicketFilter filter;
    };
    QList<Case> cases;
    cases << Case{QStringLiteral("All open"), TicketQuery::allOpen()};
    cases << Case{QStringLiteral("Status: closed"), TicketQuery::withStatus(TicketStatus::Closed)};
    {
        TicketFilter f;
        f.assigneeId = busiest;
        cases << Case{QStringLiteral("Assignee: busiest agent, any status"), f};
    }
    {
        TicketFilter f;
        f.channels = {Channel::ChatKakao};
        cases << Case{QStringLiteral("Channel: KakaoTalk, any status"), f};
    }
    for (const char *text : {"환불", "배송", "refund"}) {
        TicketFilter f;
        f.text = QString::fromUtf8(text);
        cases << Case{QStringLiteral("Text '%1', any status").arg(f.text), f};
        TicketFilter open = TicketQuery::allOpen();
        open.text = f.text;
        cases << Case{QStringLiteral("Text '%1' in All open").arg(f.text), open};
    }
    TicketFilter other;
    other.text = QStringLiteral("zzqxv");
    for (const Case &c : cases) {
        // "first": the text's hits are read (another text came before); "again": the same
        // filter applied once more (its hits reused). Medians of 5.
        QList<double> first, again;
        for (int i = 0; i < 5; ++i) {
            apply(other);
            first << apply(c.filter);
            again << apply(c.filter);
        }
        const QString note = model.isCountExact()
            ? QStringLiteral("%L1 rows").arg(model.rowCount())
            : QStringLiteral("%L1+ rows, counting").arg(model.rowCount());
        row(QStringLiteral("Apply filter: %1").arg(c.name), median(first), median(again), note);
    }

    // Jumps on the longest lists.
    for (const Case &c : {cases[1], Case{QStringLiteral("All tickets"), TicketFilter{}}}) {
        apply(c.filter);
        QElapsedTimer t;
        const int n = model.rowCount();
        t.start();
        model.fetchRows(n - 50, n - 1);
        const double end = ms(t);
        t.restart();
        model.fetchRows(n / 2, n / 2 + 49);
        const double middleCold = ms(t);
        t.restart();
        model.fetchRows(n * 2 / 5, n * 2 / 5 + 49);
        const double middleWarm = ms(t);
        t.restart();
        spin([&] { return !model.isWalking(); });
        const double walk = ms(t);
        t.restart();
        model.fetchRows(n / 3, n / 3 + 49);
        const double thirdWarm = ms(t);
        row(QStringLiteral("%1: jump to the end").arg(c.name), end, -1,
            QStringLiteral("%L1 rows").arg(n));
        row(QStringLiteral("%1: jump to the middle, no anchors yet").arg(c.name), middleCold,
            middleWarm, QStringLiteral("again: to 40 %, pages cached by the OS"));
        row(QStringLiteral("%1: walk (count + anchors), on idle time").arg(c.name), walk, -1);
        row(QStringLiteral("%1: jump to a third, after the walk").arg(c.name), thirdWarm, -1);
    }
    {
        // Sorting a long list by a column without a list index: every read sorts it all.
        apply(cases[1].filter);
        model.fetchRows(0, 49);
        QElapsedTimer t;
        t.start();
        model.sort(TicketListModel::Subject, Qt::AscendingOrder);
        model.fetchRows(0, 49);
        const double first = ms(t);
        t.restart();
        spin([&] { return !model.isWalking(); });
        row(QStringLiteral("Status: closed: sort by subject (no index), first rows"), first, -1);
        row(QStringLiteral("Status: closed: ... walk for anchors until it gives up"), ms(t), -1);
    }
    {
        TicketFilter kakao;
        kakao.channels = {Channel::ChatKakao};
        apply(kakao);
        QElapsedTimer t;
        t.start();
        spin([&] { return model.isCountExact() && !model.isWalking(); });
        row(QStringLiteral("Channel: KakaoTalk: count by walking, on idle time"), ms(t), -1,
            QStringLiteral("%L1 rows").arg(model.rowCount()));
    }

    // Sorting by every column (first page) on the longest built-in view and on All open.
    for (const Case &c : {cases[0], cases[1]}) {
        for (int col = 0; col < TicketListModel::ColumnCount; ++col) {
            const TicketSort s{SortColumn(col), false};
            const double first = apply(c.filter, s);
            const double again = apply(c.filter, s);
            row(QStringLiteral("%1 sorted by %2").arg(c.name, TicketSort::columnName(s.column)),
                first, again);
        }
    }
    std::printf("\nmemory at the end: %s\n", qPrintable(memory()));
    Q_UNUSED(byUpdated)
    return 0;
}
