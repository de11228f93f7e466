// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/importdialogsummary.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace hd {

namespace {
/// The numbers of the summary, in display order, with their objectNames.
constexpr const char *kValueNames[]
    = {"importTicketsCreated",  "importTicketsContinued", "importMessagesAdded",
       "importMessagesSkipped", "importSystemEvents",     "importLinesRead"};
constexpr int kValues = int(std::size(kValueNames));
} // namespace

ImportSummaryPage::ImportSummaryPage(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("importSummary"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("importSummaryTitle"));
    m_title->setWordWrap(true);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    layout->addWidget(m_title);

    auto *form = new QFormLayout;
    for (int i = 0; i < kValues; ++i) {
        auto *name = new QLabel(this);
        auto *value = new QLabel(this);
        value->setObjectName(QLatin1String(kValueNames[i]));
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        form->addRow(name, value);
        m_names << name;
        m_values << value;
    }
    layout->addLayout(form);

    auto *problemsRow = new QHBoxLayout;
    m_problemsTitle = new QLabel(this);
    m_problemsTitle->setObjectName(QStringLiteral("importProblemsTitle"));
    m_copy = new QPushButton(this);
    m_copy->setObjectName(QStringLiteral("importCopy"));
    problemsRow->addWidget(m_problemsTitle, 1);
    problemsRow->addWidget(m_copy);
    layout->addLayout(problemsRow);

    m_problems = new QTableWidget(0, 3, this);
    m_problems->setObjectName(QStringLiteral("importProblems"));
    m_problems->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_problems->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_problems->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_problems->setWordWrap(false);
    m_problems->verticalHeader()->hide();
    m_problems->horizontalHeader()->setStretchLastSection(true);
    m_problems->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_problems->setColumnWidth(1, 280);
    layout->addWidget(m_problems, 1);

    auto *copySelection = new QAction(m_problems);
    copySelection->setShortcut(QKeySequence::Copy);
    copySelection->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_problems->addAction(copySelection);
    connect(copySelection, &QAction::triggered, this,
            [this] { QApplication::clipboard()->setText(problemsText(true)); });
    connect(m_copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(problemsText(false)); });
    retranslateUi();
}

void ImportSummaryPage::setResult(const QString &fileName, const chat::FileImportResult &result)
{
    m_fileName = fileName;
    m_result = result;
    const QList<chat::ParseProblem> &problems = result.summary.problems;
    m_problems->setRowCount(int(problems.size()));
    for (int r = 0; r < problems.size(); ++r) {
        const chat::ParseProblem &p = problems[r];
        auto *line = new QTableWidgetItem;
        line->setData(Qt::DisplayRole, p.line > 0 ? QVariant(p.line) : QVariant());
        line->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        auto *reason = new QTableWidgetItem(p.reason);
        reason->setToolTip(p.reason);
        auto *text = new QTableWidgetItem(QString(p.text).replace(QLatin1Char('\n'), u'⏎'));
        text->setToolTip(p.text);
        m_problems->setItem(r, 0, line);
        m_problems->setItem(r, 1, reason);
        m_problems->setItem(r, 2, text);
    }
    fill();
}

QString ImportSummaryPage::problemsText(bool selectedOnly) const
{
    QStringList lines{QStringList{m_problems->horizontalHeaderItem(0)->text(),
                                  m_problems->horizontalHeaderItem(1)->text(),
                                  m_problems->horizontalHeaderItem(2)->text()}
                          .join(QLatin1Char('\t'))};
    const auto selected = m_problems->selectionModel()->selectedRows();
    const QList<chat::ParseProblem> &problems = m_result.summary.problems;
    for (int r = 0; r < problems.size(); ++r) {
        if (selectedOnly && !selected.isEmpty()
            && !m_problems->selectionModel()->isRowSelected(r, {}))
            continue;
        const chat::ParseProblem &p = problems[r];
        QString text = p.text;
        text.replace(QLatin1Char('\t'), QLatin1Char(' ')).replace(QLatin1Char('\n'), u'⏎');
        lines << QStringList{QString::number(p.line), p.reason, text}.join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

void ImportSummaryPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void ImportSummaryPage::retranslateUi()
{
    const QStringList names{tr("Tickets created:"),   tr("Tickets continued:"),
                            tr("Messages added:"),    tr("Messages already there:"),
                            tr("System lines kept:"), tr("Lines read:")};
    for (int i = 0; i < kValues; ++i)
        m_names[i]->setText(names[i]);
    m_problems->setHorizontalHeaderLabels({tr("Line"), tr("Reason"), tr("Text")});
    m_copy->setText(tr("&Copy problems"));
    fill();
}

void ImportSummaryPage::fill()
{
    const chat::ChatImportSummary &s = m_result.summary;
    const QLocale locale;
    if (m_result.cancelled)
        m_title->setText(tr("The import of %1 was cancelled after %L2 of %L3 conversations. What "
                            "was imported stays, and importing the file again continues where it "
                            "stopped.")
                             .arg(m_fileName)
                             .arg(m_result.conversationsDone)
                             .arg(m_result.conversationsTotal));
    else
        m_title->setText(tr("%1 was imported (format %2, conversations: %L3).")
                             .arg(m_fileName, m_result.format)
                             .arg(m_result.conversationsTotal));
    const QList<int> values{s.ticketsCreated,  s.ticketsContinued, s.messagesAdded,
                            s.messagesSkipped, s.systemEvents,     s.linesRead};
    for (int i = 0; i < kValues; ++i)
        m_values[i]->setText(locale.toString(values[i]));
    m_problemsTitle->setText(s.problems.isEmpty()
                                 ? tr("Every line was read.")
                                 : tr("Lines that could not be read: %L1").arg(s.problems.size()));
    m_copy->setEnabled(!s.problems.isEmpty());
}

} // namespace hd
