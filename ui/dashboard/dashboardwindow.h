// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain/ticket.h"

#include <QMainWindow>

class QAction;
class QMenu;

namespace hd {

class Clock;
class Database;
class DashboardView;
class Settings;

/// The dashboard in a window of its own (Reports > Dashboard), with File > Export as CSV / PDF
/// (A4 or Letter) of what it shows.
class DashboardWindow : public QMainWindow
{
    Q_OBJECT
public:
    DashboardWindow(Database &db, const Clock &clock, QWidget *parent = nullptr);
    [[nodiscard]] DashboardView *view() const { return m_view; }

    /// Writes what the dashboard shows; the error message on failure.
    QString exportCsv(const QString &path);
    QString exportPdf(const QString &path, bool letter);

Q_SIGNALS:
    void openTickets(const QString &title, const QList<hd::RowId> &ids);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void chooseAndExport(int format);
    QString defaultFileName(const QString &suffix) const;

    DashboardView *m_view;
    QMenu *m_fileMenu;
    QAction *m_csv;
    QAction *m_pdfA4;
    QAction *m_pdfLetter;
    QAction *m_close;
};

} // namespace hd
