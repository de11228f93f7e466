// SPDX-License-Identifier: GPL-3.0-or-later
// Renders the sync screenshots (docs/screenshots/sync-*.png):
//   helpdesk_sync_screenshots --lang ko|en --out DIR [--qm FILE]
// the sign-in dialog with an error, the main window on a replica whose status bar shows
// changes waiting and refused (and the status bar alone), the rejections dialog and the first
// sync's progress. --qm loads an extra catalogue (strings not yet in translations/). Run under
// xvfb-run with Noto CJK fonts (scripts/screenshots.sh does the same for the workspace).
#include "core/base/clock.h"
#include "core/base/language.h"
#include "core/base/settings.h"
#include "core/demo/seeder.h"
#include "core/storage/database.h"
#include "core/storage/ticketstore.h"
#include "sync/replica.h"
#include "sync/syncsession.h"
#include "sync/tokenstore.h"
#include "ui/initialsyncdialog.h"
#include "ui/mainwindow.h"
#include "ui/rejectionsdialog.h"
#include "ui/signindialog.h"
#include "ui/syncstatuswidget.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLineEdit>
#include <QPushButton>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QTreeWidget>

namespace {

bool save(QWidget &w, const QString &dir, const QString &name)
{
    QTest::qWait(300);
    const QString path = QDir(dir).filePath(name);
    const bool ok = w.grab().save(path, "PNG");
    qInfo().noquote() << (ok ? "wrote" : "FAILED") << path << w.size();
    return ok;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCommandLineParser p;
    p.addOption({QStringLiteral("lang"), QStringLiteral("ko or en"), QStringLiteral("LANG")});
    p.addOption({QStringLiteral("out"), QStringLiteral("folder"), QStringLiteral("DIR")});
    p.addOption({QStringLiteral("qm"), QStringLiteral("extra catalogue"), QStringLiteral("FILE")});
    p.process(app);
    const QString lang = p.value(QStringLiteral("lang"));
    const QString out = p.value(QStringLiteral("out"));
    const bool ko = lang == QLatin1String("ko");
    QTemporaryDir tmp;
    hd::Settings settings(tmp.filePath(QStringLiteral("s.ini")));
    hd::Language language;
    if (!language.apply(lang) || out.isEmpty())
        qFatal("usage: helpdesk_sync_screenshots --lang ko|en --out DIR [--qm FILE]");
    QTranslator extra;
    if (p.isSet(QStringLiteral("qm")) && extra.load(p.value(QStringLiteral("qm"))))
        QCoreApplication::installTranslator(&extra);

    // The sign-in dialog after a failed attempt (nobody listens on port 1).
    hd::sync::TokenStore tokens(tmp.path());
    tokens.setKeychainEnabled(false);
    hd::SignInDialog signIn(settings, tokens);
    signIn.findChild<QLineEdit *>(QStringLiteral("serverUrl"))
        ->setText(QStringLiteral("http://127.0.0.1:1"));
    signIn.findChild<QLineEdit *>(QStringLiteral("email"))
        ->setText(QStringLiteral("minji.kim@example.com"));
    signIn.findChild<QLineEdit *>(QStringLiteral("password"))->setText(QStringLiteral("secret"));
    signIn.show();
    signIn.signIn();
    for (int i = 0; i < 200 && signIn.busy(); ++i)
        QTest::qWait(100);
    bool ok = save(signIn, out, QStringLiteral("sync-signin-%1.png").arg(lang));
    signIn.hide();

    // A replica with demo data, two edits waiting, two refusals and a notice.
    auto db = hd::Database::open(tmp.filePath(QStringLiteral("replica.sqlite")));
    if (!db || !hd::sync::replica::install(**db))
        qFatal("cannot open the replica");
    hd::SeedOptions o;
    o.tickets = 3000;
    o.language = lang;
    if (auto r = hd::Seeder(**db, QDateTime::currentDateTimeUtc()).run(o); !r)
        qFatal("%s", qPrintable(r.errorMessage()));
    const QString agentUuid = (*db)
                                  ->scalar(QStringLiteral("SELECT uuid FROM agents WHERE active "
                                                          "ORDER BY id LIMIT 1"))
                                  ->toString();
    const QString other = (*db)
                              ->scalar(QStringLiteral("SELECT uuid FROM agents WHERE active "
                                                      "ORDER BY id LIMIT 1 OFFSET 1"))
                              ->toString();
    settings.setValue(hd::keys::serverAgentUuid, agentUuid);
    hd::MainWindow window(settings, language, **db);
    hd::sync::SyncSession session(**db, hd::SystemClock::instance());
    window.attachSync(&session, QUrl(QStringLiteral("https://helpdesk.example.com")));
    window.resize(1280, 800);
    window.show();
    window.refresh();
    auto q = (*db)->exec(QStringLiteral(
        "SELECT id, uuid FROM tickets WHERE status IN ('new', 'open', 'assigned', 'pending') "
        "ORDER BY updated_at DESC LIMIT 3"));
    QList<QPair<hd::RowId, QString>> tickets;
    while (q && q->next())
        tickets << qMakePair(q->value(0).toLongLong(), q->value(1).toString());
    const hd::Actor me = hd::Actor::agent(window.currentAgent());
    auto edited = window.ticketStore().setPriority(tickets.value(0).first, hd::Priority::High, me);
    qInfo() << "agent" << window.currentAgent() << "tickets" << tickets.size() << "edit"
            << edited.errorMessage();
    (void)window.ticketStore().setSubject(
        tickets.value(0).first,
        ko ? QStringLiteral("배송 지연 문의") : QStringLiteral("Late delivery"), me);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const auto reject = [&](const QString &op, const QString &ticket, const char *kind,
                            const QString &payload, const char *code, const QString &message,
                            qint64 at) {
        (void)(*db)->exec(QStringLiteral("INSERT INTO sync_rejections(op_id, ticket_uuid, kind, "
                                         "payload, code, message, at) VALUES (?,?,?,?,?,?,?)"),
                          {op, ticket, QString::fromLatin1(kind), payload,
                           QString::fromLatin1(code), message, at});
    };
    reject(QStringLiteral("op-1"), tickets.value(1).second, "add_message",
           ko ? QStringLiteral(R"({"body":"내일 오전 중으로 재발송해 드리겠습니다."})")
              : QStringLiteral(R"({"body":"We will resend it tomorrow morning."})"),
           "transition_not_allowed",
           ko ? QStringLiteral("종료된 티켓에는 답장할 수 없습니다.")
              : QStringLiteral("A closed ticket takes no replies."),
           now - 600'000);
    reject(QStringLiteral("op-2"), tickets.value(2).second, "set_priority",
           QStringLiteral(R"({"priority":"urgent"})"), "overwrote",
           QStringLiteral(R"({"value":"high","by":"%1"})").arg(other), now - 300'000);
    reject(QStringLiteral("op-3"), tickets.value(2).second, "set_status",
           QStringLiteral(R"({"status":"solved"})"), "forbidden", QString(), now - 60'000);
    window.syncStatus()->setMode(hd::SyncStatusWidget::Mode::Offline,
                                 QStringLiteral("Connection refused"));
    window.syncStatus()->setPending(session.pending());
    const auto r = session.rejections();
    window.syncStatus()->setRejections(r.refused, r.notices);
    ok = save(window, out, QStringLiteral("sync-window-%1.png").arg(lang)) && ok;
    ok = save(*window.statusBar(), out, QStringLiteral("sync-statusbar-%1.png").arg(lang)) && ok;

    hd::RejectionsDialog rejections(**db, &window);
    rejections.show();
    rejections.list()->setCurrentItem(rejections.list()->topLevelItem(1)); // the notice
    ok = save(rejections, out, QStringLiteral("sync-rejections-%1.png").arg(lang)) && ok;
    rejections.hide();

    hd::InitialSyncDialog first(session, QStringLiteral("helpdesk.example.com"), &window);
    first.show();
    first.setProgress(41'870, 100'000);
    first.addTickets(QList<hd::RowId>(12'345, 1));
    ok = save(first, out, QStringLiteral("sync-first-%1.png").arg(lang)) && ok;
    first.cancelSync();
    ok = save(first, out, QStringLiteral("sync-first-cancelled-%1.png").arg(lang)) && ok;
    return ok ? 0 : 1;
}
