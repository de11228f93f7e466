// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/checkpointer.h"

#include "core/storage/database.h"

#include <QTimer>

namespace hd::server {

WalCheckpointer::WalCheckpointer(Database &db, int intervalMs)
    : m_db(db)
    , m_intervalMs(intervalMs)
{ }

WalCheckpointer::~WalCheckpointer()
{
    m_thread.quit();
    m_thread.wait();
}

void WalCheckpointer::start()
{
    if (m_thread.isRunning())
        return;
    (void)m_db.exec(QStringLiteral("PRAGMA wal_autocheckpoint=0"));
    auto *timer = new QTimer; // lives and dies on the thread
    timer->setInterval(m_intervalMs);
    timer->moveToThread(&m_thread);
    QObject::connect(timer, &QTimer::timeout, timer,
                     [this] { (void)m_db.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)")); });
    QObject::connect(&m_thread, &QThread::started, timer, qOverload<>(&QTimer::start));
    QObject::connect(&m_thread, &QThread::finished, timer, &QObject::deleteLater);
    m_thread.setObjectName(QStringLiteral("wal-checkpoint"));
    m_thread.start(QThread::LowPriority);
}

} // namespace hd::server
