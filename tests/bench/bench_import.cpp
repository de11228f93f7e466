// SPDX-License-Identifier: GPL-3.0-or-later
// Chat import benchmark: a generated KakaoTalk (Android, Korean) export of N lines is parsed,
// sessionized and imported into a fresh database. Prints the time of each phase; asserts nothing.
//   bench_import [--lines N]   (default 1,000,000)
#include "core/base/clock.h"
#include "core/channels/chatimport.h"
#include "core/channels/kakaoparser.h"
#include "core/storage/database.h"
#include "core/storage/directory.h"
#include "core/storage/ticketstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <cstdio>
#include <utility>

#if defined(Q_OS_UNIX)
#include <sys/resource.h>
#endif

using namespace hd;

namespace {
/// CPU time of the process (all threads), in ms: the machine is shared, and the wall time of a
/// phase depends on what else runs; the CPU time shows the work.
qint64 cpuMs()
{
#if defined(Q_OS_UNIX)
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return (qint64(u.ru_utime.tv_sec) + u.ru_stime.tv_sec) * 1000
        + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1000;
#else
    return 0;
#endif
}

QByteArray generate(qint64 lines)
{
    QRandomGenerator rng(7);
    const char *names[] = {"김철수", "이영희", "박민수", "최지우", "정하늘", "회원님", "회원님"};
    QByteArray out = "상담채널 님과 카카오톡 대화\n저장한 날짜 : 2026년 11월 20일 오후 7:17\n\n\n";
    QDateTime t(QDate(2024, 1, 1), QTime(9, 0));
    QDate day;
    qint64 n = 4;
    auto stamp = [](const QDateTime &at) {
        const int h = at.time().hour();
        return QStringLiteral("%1년 %2월 %3일 %4 %5:%6")
            .arg(at.date().year())
            .arg(at.date().month())
            .arg(at.date().day())
            .arg(h < 12 ? QStringLiteral("오전") : QStringLiteral("오후"))
            .arg(h % 12 == 0 ? 12 : h % 12)
            .arg(at.time().minute(), 2, 10, QLatin1Char('0'))
            .toUtf8();
    };
    while (n < lines) {
        t = t.addSecs(rng.bounded(100) < 8 ? rng.bounded(2400, 180000) : rng.bounded(10, 300));
        if (t.date() != day) {
            day = t.date();
            out += stamp(t) + '\n';
            ++n;
        }
        out += stamp(t) + ", " + names[rng.bounded(7)] + " : 결제 관련 문의 "
            + QByteArray::number(rng.bounded(99999)) + "번 주문 배송이 안 와요\n";
        ++n;
        if (rng.bounded(20) == 0 && n < lines) {
            out += "두 번째 줄입니다\n";
            ++n;
        }
    }
    return out;
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption(
        {QStringLiteral("lines"), QStringLiteral("Lines in the export."), QStringLiteral("N")});
    parser.addOption(
        {QStringLiteral("db"),
         QStringLiteral("Database file to import into (kept; default: a temporary one)."),
         QStringLiteral("path")});
    parser.process(app);
    const qint64 lines = parser.isSet(QStringLiteral("lines"))
        ? parser.value(QStringLiteral("lines")).toLongLong()
        : 1000000;

    QElapsedTimer timer;
    timer.start();
    const QByteArray data = generate(lines);
    std::printf("generated %lld lines, %.1f MiB in %lld ms\n", lines,
                double(data.size()) / 1048576.0, timer.restart());

    qint64 cpu = cpuMs();
    const auto cpuSince = [&cpu] {
        const qint64 now = cpuMs();
        return now - std::exchange(cpu, now);
    };
    chat::KakaoOptions ko;
    ko.timeZone = QTimeZone("Asia/Seoul");
    auto parsed = chat::KakaoParser::parse(data, ko);
    if (!parsed) {
        std::fprintf(stderr, "%s\n", qPrintable(parsed.errorMessage()));
        return 1;
    }
    const qint64 parseMs = timer.restart();
    const qint64 parseCpu = cpuSince();
    const auto sessions = chat::sessionize(parsed->records, chat::SessionizerOptions{});
    const qint64 sessionMs = timer.restart();
    const qint64 sessionCpu = cpuSince();

    QTemporaryDir dir;
    const QString path = parser.isSet(QStringLiteral("db"))
        ? parser.value(QStringLiteral("db"))
        : dir.filePath(QStringLiteral("import.sqlite"));
    auto db = Database::open(path);
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(db.errorMessage()));
        return 1;
    }
    Directory directory(**db, SystemClock::instance());
    TicketStore store(**db, SystemClock::instance());
    chat::ChatImporter importer(store, directory);
    chat::ChatImportOptions o;
    o.room = parsed->roomTitle;
    o.savedAt = parsed->savedAt;
    timer.restart();
    cpuSince();
    auto summary = importer.import(*parsed, o);
    if (!summary) {
        std::fprintf(stderr, "%s\n", qPrintable(summary.errorMessage()));
        return 1;
    }
    const qint64 importMs = timer.restart();
    const qint64 importCpu = cpuSince();
    // The importer sessionizes again itself; the sessionize row is that step measured alone.
    std::printf("| phase | wall ms | CPU ms |\n|---|---|---|\n"
                "| parse (%lld records, %lld problems) | %lld | %lld |\n"
                "| sessionize (%lld conversations) | %lld | %lld |\n"
                "| import (%d tickets, %d messages) | %lld | %lld |\n"
                "| total | %lld | %lld |\n",
                qint64(parsed->records.size()), qint64(parsed->problems.size()), parseMs, parseCpu,
                qint64(sessions.size()), sessionMs, sessionCpu, summary->ticketsCreated,
                summary->messagesAdded, importMs, importCpu, parseMs + sessionMs + importMs,
                parseCpu + sessionCpu + importCpu);
    return 0;
}
