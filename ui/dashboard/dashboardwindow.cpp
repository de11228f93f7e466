// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dashboard/dashboardwindow.h"

#include "core/reporting/reportformat.h"
#include "ui/dashboard/dashboardpdf.h"
#include "ui/dashboard/dashboardview.h"

#include <QAction>
#include <QEvent>
#include <QFileDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QSaveFile>
#include <QStandardPaths>
#include <QStatusBar>

namespace hd {

DashboardWindow::DashboardWindow(Database &db, const Clock &clock, QWidget *parent)
    : QMainWindow(parent)
    , m_view(new DashboardView(db, clock, this))
{
    setObjectName(QStringLiteral("dashboardWindow"));
    setAttribute(Qt::WA_DeleteOnClose);
    setCentralWidget(m_view);
    m_fileMenu = menuBar()->addMenu(QString());
    m_csv = m_fileMenu->addAction(QString());
    m_pdfA4 = m_fileMenu->addAction(QString());
    m_pdfLetter = m_fileMenu->addAction(QString());
    m_fileMenu->addSeparator();
    m_close = m_fileMenu->addAction(QString());
    m_csv->setObjectName(QStringLiteral("actionExportCsv"));
    m_pdfA4->setObjectName(QStringLiteral("actionExportPdfA4"));
    m_pdfLetter->setObjectName(QStringLiteral("actionExportPdfLetter"));
    m_close->setShortcut(QKeySequence::Close);
    connect(m_csv, &QAction::triggered, this, [this] { chooseAndExport(0); });
    connect(m_pdfA4, &QAction::triggered, this, [this] { chooseAndExport(1); });
    connect(m_pdfLetter, &QAction::triggered, this, [this] { chooseAndExport(2); });
    connect(m_close, &QAction::triggered, this, &QWidget::close);
    connect(m_view, &DashboardView::openTickets, this, &DashboardWindow::openTickets);
    connect(m_view, &DashboardView::failed, this,
            [this](const QString &message) { statusBar()->showMessage(message); });
    connect(m_view, &DashboardView::loaded, this, [this] { statusBar()->clearMessage(); });
    for (QAction *a : {m_csv, m_pdfA4, m_pdfLetter})
        a->setEnabled(false);
    connect(m_view, &DashboardView::loaded, this, [this] {
        for (QAction *a : {m_csv, m_pdfA4, m_pdfLetter})
            a->setEnabled(true);
    });
    retranslateUi();
    resize(1280, 800);
}

void DashboardWindow::retranslateUi()
{
    setWindowTitle(tr("Dashboard — Helpdesk"));
    m_fileMenu->setTitle(tr("&File"));
    m_csv->setText(tr("Export as &CSV…"));
    m_pdfA4->setText(tr("Export as &PDF (A4)…"));
    m_pdfLetter->setText(tr("Export as PDF (&Letter)…"));
    m_close->setText(tr("&Close"));
}

void DashboardWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QMainWindow::changeEvent(event);
}

QString DashboardWindow::defaultFileName(const QString &suffix) const
{
    const reporting::ReportQuery q = m_view->report().query;
    const QString name = QStringLiteral("helpdesk-report-%1-%2.%3")
                             .arg(q.from.toString(Qt::ISODate), q.to.toString(Qt::ISODate), suffix);
    return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + QLatin1Char('/')
        + name;
}

void DashboardWindow::chooseAndExport(int format)
{
    const bool csv = format == 0;
    const QString path = QFileDialog::getSaveFileName(
        this, csv ? tr("Export as CSV") : tr("Export as PDF"),
        defaultFileName(csv ? QStringLiteral("csv") : QStringLiteral("pdf")),
        csv ? tr("CSV files (*.csv)") : tr("PDF files (*.pdf)"));
    if (path.isEmpty())
        return;
    const QString error = csv ? exportCsv(path) : exportPdf(path, format == 2);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Export"), error);
    else
        statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
}

QString DashboardWindow::exportCsv(const QString &path)
{
    auto saved = reporting::saveCsv(m_view->report(), path);
    return saved ? QString() : saved.errorMessage();
}

QString DashboardWindow::exportPdf(const QString &path, bool letter)
{
    auto r = DashboardPdf::write(m_view->report(), &m_view->alerts(), path,
                                 letter ? QPageSize::Letter : QPageSize::A4);
    return r ? QString() : r.errorMessage();
}

} // namespace hd
