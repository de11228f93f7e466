// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/importdialogjob.h"

#include <QThread>

#include <algorithm>

namespace hd {

ImportJob::ImportJob(QObject *parent)
    : QObject(parent)
{ }

ImportJob::~ImportJob()
{
    if (m_thread) {
        cancel();
        m_thread->wait();
        delete m_thread;
    }
}

void ImportJob::start(std::function<void()> work)
{
    Q_ASSERT(!m_thread);
    m_thread = QThread::create(std::move(work));
    m_thread->setObjectName(QStringLiteral("import"));
    connect(m_thread, &QThread::finished, this, [this] {
        m_thread->deleteLater();
        m_thread = nullptr;
        Q_EMIT finished();
    });
    m_thread->start(QThread::LowPriority);
}

void ImportJob::report(int phase, qint64 done, qint64 total)
{
    const int permille = total > 0 ? int(std::clamp<qint64>(done * 1000 / total, 0, 1000)) : 0;
    const int key = phase * 1001 + permille;
    if (m_lastReport.exchange(key) == key)
        return;
    Q_EMIT progressed(phase, done, total);
}

} // namespace hd
