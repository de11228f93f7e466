// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/demodata.h"

#include "core/base/clock.h"
#include "core/base/logging.h"
#include "core/base/settings.h"
#include "core/demo/seeder.h"
#include "core/storage/database.h"

#include <QLocale>
#include <QMessageBox>
#include <QPointer>
#include <QProgressDialog>
#include <QThread>

#include <atomic>
#include <memory>

namespace hd {

namespace {
std::optional<bool> g_nextAnswer;
}

void DemoData::setNextAnswer(std::optional<bool> answer)
{
    g_nextAnswer = answer;
}

void DemoData::offer(QWidget *parent, Database &db, Settings &settings,
                     std::function<void(bool)> done)
{
    const auto count = db.scalar(QStringLiteral("SELECT count(*) FROM tickets"));
    if (settings.value(keys::demoDataOffered) || !count || count->toLongLong() > 0) {
        done(false);
        return;
    }
    settings.setValue(keys::demoDataOffered, true);
    bool yes = false;
    if (g_nextAnswer) {
        yes = *g_nextAnswer;
        g_nextAnswer.reset();
    } else {
        yes = QMessageBox::question(
                  parent, tr("Welcome to Helpdesk"),
                  tr("Your ticket database is empty. Load demo data (%L1 tickets with customers, "
                     "agents and "
                     "three years of history) to look around?\n\nYou can also start from an "
                     "empty database.")
                      .arg(kTickets),
                  QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes)
            == QMessageBox::Yes;
    }
    if (!yes) {
        done(false);
        return;
    }
    load(parent, db, std::move(done));
}

void DemoData::load(QWidget *parent, Database &db, std::function<void(bool)> done)
{
    auto *progress
        = new QProgressDialog(tr("Loading demo data…"), tr("Cancel"), 0, int(kTickets), parent);
    progress->setObjectName(QStringLiteral("demoDataProgress"));
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(300);
    auto cancelled = std::make_shared<std::atomic_bool>(false);
    QObject::connect(progress, &QProgressDialog::canceled, progress,
                     [cancelled] { *cancelled = true; });

    QPointer<QProgressDialog> guard(progress);
    const QDateTime now = SystemClock::instance().now();
    QThread *worker = QThread::create([&db, cancelled, guard, now]() {
        SeedOptions o;
        o.tickets = kTickets;
        // Demo data speaks the language of the user interface.
        o.language
            = QLocale().language() == QLocale::Korean ? QStringLiteral("ko") : QStringLiteral("en");
        o.progress = [cancelled, guard](qint64 doneCount, qint64) {
            if (guard)
                QMetaObject::invokeMethod(guard, "setValue", Qt::QueuedConnection,
                                          Q_ARG(int, int(doneCount)));
            return !cancelled->load();
        };
        auto r = Seeder(db, now).run(o);
        if (!r)
            qCWarning(lcUi) << "demo data:" << r.errorMessage();
    });
    QObject::connect(worker, &QThread::finished, progress,
                     [worker, progress, done = std::move(done), cancelled] {
                         worker->deleteLater();
                         progress->deleteLater();
                         done(!cancelled->load());
                     });
    worker->start();
}

} // namespace hd
