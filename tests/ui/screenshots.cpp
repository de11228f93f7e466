// SPDX-License-Identifier: GPL-3.0-or-later
// Renders the documentation screenshots of the workspace (docs/screenshots/) from demo data:
//   helpdesk_screenshots --lang ko|en --out DIR
// list, a ticket with notes and replies, the composer in both modes and the new-ticket dialog,
// each 1280x800. Run through scripts/screenshots.sh (under xvfb-run, with Noto CJK fonts).
#include "core/base/clock.h"
#include "core/base/language.h"
#include "core/base/settings.h"
#include "core/demo/seeder.h"
#include "core/storage/database.h"
#include "core/storage/directory.h"
#include "ui/composer.h"
#include "ui/dashboard/dashboardview.h"
#include "ui/dashboard/dashboardwindow.h"
#include "ui/mainwindow.h"
#include "ui/newticketdialog.h"
#include "ui/ticketdetail.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QEventLoop>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

namespace {

bool save(QWidget &w, const QString &dir, const QString &name)
{
    QTest::qWait(300); // let layouts, lazy rows and the SLA clocks settle
    const QString path = QDir(dir).filePath(name);
    const bool ok = w.grab().save(path, "PNG");
    qInfo().noquote() << (ok ? "wrote" : "FAILED") << path;
    return ok;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCommandLineParser p;
    p.addOption({QStringLiteral("lang"), QStringLiteral("ko or en"), QStringLiteral("LANG")});
    p.addOption({QStringLiteral("out"), QStringLiteral("folder"), QStringLiteral("DIR")});
    p.process(app);
    const QString lang = p.value(QStringLiteral("lang"));
    const QString out = p.value(QStringLiteral("out"));
    QTemporaryDir tmp;
    hd::Settings settings(tmp.filePath(QStringLiteral("s.ini")));
    hd::Language language;
    if (!language.apply(lang) || out.isEmpty())
        qFatal("usage: helpdesk_screenshots --lang ko|en --out DIR");
    auto db = hd::Database::open(tmp.filePath(QStringLiteral("demo.sqlite")));
    if (!db)
        qFatal("%s", qPrintable(db.errorMessage()));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    hd::SeedOptions o;
    o.tickets = 20000; // enough for a month of dashboard figures
    o.language = lang;
    if (auto r = hd::Seeder(**db, now).run(o); !r)
        qFatal("%s", qPrintable(r.errorMessage()));

    hd::MainWindow window(settings, language, **db);
    window.resize(1280, 800);
    window.show();
    window.refresh();
    // An open ticket with both an internal note and public replies, assigned to the desktop's
    // agent if possible.
    const auto ticket = (*db)->scalar(QStringLiteral(
        "SELECT t.id FROM tickets t WHERE t.status IN ('open','assigned','pending') ORDER BY "
        "EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = t.id AND m.visibility = 'internal') "
        "DESC, (SELECT count(*) FROM messages m WHERE m.ticket_id = t.id) BETWEEN 3 AND 6 DESC, "
        "t.updated_at DESC LIMIT 1"));
    const hd::RowId id = ticket ? ticket->toLongLong() : 0;
    qInfo() << "agent" << window.currentAgent() << "ticket" << id << "window" << window.size()
            << "detail minimum" << window.detailArea()->minimumSizeHint();
    bool ok = save(window, out, QStringLiteral("list-%1.png").arg(lang));
    if (!window.selectTicket(id) && window.ticketDetail())
        window.ticketDetail()->setTicket(id);
    ok = save(window, out, QStringLiteral("ticket-%1.png").arg(lang)) && ok;

    auto *editor = window.findChild<QPlainTextEdit *>(QStringLiteral("composerEditor"));
    window.findChild<QAction *>(QStringLiteral("actionReply"))->trigger();
    if (editor)
        editor->setPlainText(lang == QLatin1String("ko")
                                 ? QStringLiteral("안녕하세요, 고객님. 환불은 영업일 기준 3일 안에 "
                                                  "처리됩니다. 불편을 드려 죄송합니다.")
                                 : QStringLiteral("Hello, your refund will be processed within "
                                                  "three business days. Sorry for the trouble."));
    ok = save(window, out, QStringLiteral("composer-reply-%1.png").arg(lang)) && ok;
    window.findChild<QAction *>(QStringLiteral("actionNote"))->trigger();
    if (editor)
        editor->setPlainText(
            lang == QLatin1String("ko")
                ? QStringLiteral("결제팀에 확인 요청함. 고객에게는 아직 알리지 말 것.")
                : QStringLiteral("Asked the payments team to check. Do not tell "
                                 "the customer yet."));
    ok = save(window, out, QStringLiteral("composer-note-%1.png").arg(lang)) && ok;
    if (editor)
        editor->clear();

    hd::Directory directory(**db, hd::SystemClock::instance());
    hd::NewTicketDialog dialog(window.ticketStore(), directory, window.currentAgent(), &window);
    dialog.show();
    dialog.findChild<QLineEdit *>(QStringLiteral("newTicketSubject"))
        ->setText(lang == QLatin1String("ko")
                      ? QStringLiteral("배송지 변경 요청 (전화)")
                      : QStringLiteral("Change of delivery address (call)"));
    dialog.findChild<QLineEdit *>(QStringLiteral("newTicketCustomerName"))
        ->setText(lang == QLatin1String("ko") ? QStringLiteral("박지훈")
                                              : QStringLiteral("Jamie Park"));
    dialog.findChild<QLineEdit *>(QStringLiteral("newTicketCustomerPhone"))
        ->setText(QStringLiteral("010-2345-6789"));
    ok = save(dialog, out, QStringLiteral("newticket-%1.png").arg(lang)) && ok;
    dialog.close();

    // The dashboard over the last 30 days, and its PDF export (scripts/screenshots.sh renders
    // the PDF's first page to PNG).
    hd::DashboardWindow *dashboard = window.openDashboard();
    QEventLoop wait;
    QObject::connect(dashboard->view(), &hd::DashboardView::loaded, &wait, &QEventLoop::quit);
    QObject::connect(dashboard->view(), &hd::DashboardView::failed, &wait,
                     [&wait](const QString &message) {
                         qWarning() << "dashboard:" << message;
                         wait.quit();
                     });
    QTimer::singleShot(300000, &wait, &QEventLoop::quit);
    if (dashboard->view()->isBusy())
        wait.exec();
    dashboard->resize(1280, 800);
    QCoreApplication::processEvents();
    ok = save(*dashboard, out, QStringLiteral("dashboard-%1.png").arg(lang)) && ok;
    const QString pdf = QDir(out).filePath(QStringLiteral("report-a4-%1.pdf").arg(lang));
    const QString error = dashboard->exportPdf(pdf, false);
    if (!error.isEmpty())
        qWarning() << error;
    ok = error.isEmpty() && ok;
    return ok ? 0 : 1;
}
