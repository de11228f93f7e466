// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

#include <atomic>
#include <functional>

class QThread;

namespace hd {

/// One piece of the import dialog's work (reading a file, importing it) on a thread of its own.
/// The work reads cancelFlag() between steps; report() may be called from that thread and
/// arrives as progressed() on the GUI thread; finished() follows on the GUI thread once the
/// thread has ended. Destroying a running job cancels it and waits for the next step boundary.
class ImportJob : public QObject
{
    Q_OBJECT
public:
    explicit ImportJob(QObject *parent = nullptr);
    ~ImportJob() override;

    /// Runs work on a new thread. A job runs once.
    void start(std::function<void()> work);
    [[nodiscard]] bool isRunning() const { return m_thread != nullptr; }
    void cancel() { m_cancel.store(true); }
    [[nodiscard]] bool isCancelled() const { return m_cancel.load(); }
    [[nodiscard]] const std::atomic_bool *cancelFlag() const { return &m_cancel; }

    /// Thread-safe. Forwards at most one report per phase and percent (and every phase change).
    void report(int phase, qint64 done, qint64 total);

Q_SIGNALS:
    void progressed(int phase, qint64 done, qint64 total);
    void finished();

private:
    QThread *m_thread = nullptr;
    std::atomic_bool m_cancel{false};
    std::atomic<int> m_lastReport{-1}; ///< phase * 1001 + permille
};

/// The test hook of ImportDialog::setWorkerProgressHook (importdialog.cpp).
std::function<void(qint64 done, qint64 total)> &importDialogWorkerHook();

} // namespace hd
