// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QEvent>
#include <QHeaderView>
#include <QKeySequence>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableWidget>
#include <QVBoxLayout>

namespace hd {

ShortcutsDialog::ShortcutsDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    auto *layout = new QVBoxLayout(this);
    m_table = new QTableWidget(0, 2, this);
    m_table->setObjectName(QStringLiteral("shortcutsTable"));
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_table);
    layout->addWidget(buttons);
    resize(480, 360);
    retranslateUi();
}

void ShortcutsDialog::setActions(const QList<QAction *> &actions)
{
    m_actions.clear();
    for (QAction *a : actions)
        m_actions << a;
    retranslateUi();
}

void ShortcutsDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void ShortcutsDialog::retranslateUi()
{
    setWindowTitle(tr("Keyboard Shortcuts"));
    m_table->setHorizontalHeaderLabels({tr("Keys"), tr("Action")});
    QList<QPair<QKeySequence, QString>> rows;
    for (const QPointer<QAction> &a : std::as_const(m_actions)) {
        if (!a)
            continue;
        QString text = a->text();
        text.remove(QLatin1Char('&')).remove(QStringLiteral("…")).remove(QStringLiteral("..."));
        // Korean menu texts carry their access key as "(&F)"; drop the leftover "(F)".
        static const QRegularExpression accessKey(QStringLiteral("\\([A-Z]\\)$"));
        text.remove(accessKey);
        for (const QKeySequence &k : a->shortcuts())
            rows.append({k, text.trimmed()});
    }
    if (rows.isEmpty())
        rows.append({QKeySequence(Qt::Key_F1), tr("Show this list")});
    m_table->setRowCount(int(rows.size()));
    for (int i = 0; i < rows.size(); ++i) {
        m_table->setItem(i, 0,
                         new QTableWidgetItem(rows[i].first.toString(QKeySequence::NativeText)));
        m_table->setItem(i, 1, new QTableWidgetItem(rows[i].second));
    }
}

} // namespace hd
