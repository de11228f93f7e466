// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/macroeditor.h"

#include "core/storage/macros.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace hd {

MacroEditor::MacroEditor(Macros &macros, RowId agent, QWidget *parent)
    : QDialog(parent)
    , m_macros(macros)
    , m_agent(agent)
{
    setObjectName(QStringLiteral("macroEditor"));
    setWindowTitle(tr("Canned Responses"));
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("macroList"));
    m_list->setMinimumWidth(200);
    auto *add = new QPushButton(tr("&New"), this);
    add->setObjectName(QStringLiteral("macroNew"));
    m_delete = new QPushButton(tr("&Delete"), this);
    m_delete->setObjectName(QStringLiteral("macroDelete"));
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(add);
    listButtons->addWidget(m_delete);
    auto *left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    left->addLayout(listButtons);

    m_title = new QLineEdit(this);
    m_title->setObjectName(QStringLiteral("macroTitle"));
    m_audience = new QComboBox(this);
    m_audience->setObjectName(QStringLiteral("macroAudience"));
    m_audience->addItem(tr("Reply to the customer"), int(Visibility::Public));
    m_audience->addItem(tr("Internal note"), int(Visibility::Internal));
    m_shared = new QCheckBox(tr("Shared with every agent"), this);
    m_shared->setObjectName(QStringLiteral("macroShared"));
    m_shared->setChecked(true);
    m_body = new QPlainTextEdit(this);
    m_body->setObjectName(QStringLiteral("macroBody"));
    QStringList names;
    for (const QString &n : Macros::placeholderNames())
        names << QStringLiteral("{{%1}}").arg(n);
    auto *hint = new QLabel(tr("Placeholders: %1. A default after a bar is used when the value "
                               "is missing: {{requester.name|customer}}.")
                                .arg(names.join(QStringLiteral(", "))),
                            this);
    hint->setWordWrap(true);
    hint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status = new QComboBox(this);
    m_status->setObjectName(QStringLiteral("macroStatus"));
    m_status->addItem(tr("(no change)"), -1);
    for (TicketStatus s : kAllStatuses)
        if (s != TicketStatus::New && s != TicketStatus::Closed)
            m_status->addItem(displayName(s), int(s));
    m_priority = new QComboBox(this);
    m_priority->setObjectName(QStringLiteral("macroPriority"));
    m_priority->addItem(tr("(no change)"), -1);
    for (Priority p : kAllPriorities)
        m_priority->addItem(displayName(p), int(p));
    m_tags = new QLineEdit(this);
    m_tags->setObjectName(QStringLiteral("macroTags"));
    m_tags->setPlaceholderText(tr("Comma-separated"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Title:"), m_title);
    form->addRow(tr("&Written as:"), m_audience);
    form->addRow(QString(), m_shared);
    form->addRow(tr("Te&xt:"), m_body);
    form->addRow(QString(), hint);
    form->addRow(tr("On send, set &status:"), m_status);
    form->addRow(tr("On send, set &priority:"), m_priority);
    form->addRow(tr("On send, add ta&gs:"), m_tags);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("macroError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_error->hide();
    auto *right = new QVBoxLayout;
    right->addLayout(form, 1);
    right->addWidget(m_error);

    auto *columns = new QHBoxLayout;
    columns->addLayout(left);
    columns->addLayout(right, 2);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("macroSave"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(buttons);
    resize(820, 560);

    connect(buttons, &QDialogButtonBox::accepted, this, [this] { (void)save(); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(add, &QPushButton::clicked, this, &MacroEditor::startNew);
    connect(m_delete, &QPushButton::clicked, this, [this] {
        if (QMessageBox::question(this, tr("Delete"), tr("Delete this canned response?"))
            == QMessageBox::Yes)
            (void)removeSelected();
    });
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        showMacro(row < 0 ? 0 : m_list->item(row)->data(Qt::UserRole).toLongLong());
    });
    reload();
    if (m_list->count() == 0)
        startNew();
}

int MacroEditor::macroCount() const
{
    return m_list->count();
}

void MacroEditor::reload(RowId select)
{
    const QSignalBlocker block(m_list);
    m_list->clear();
    auto all = m_macros.list(m_agent);
    if (!all) {
        showError(all.errorMessage());
        return;
    }
    for (const Macro &m : *all) {
        auto *item
            = new QListWidgetItem(m.ownerAgentId ? tr("%1 (mine)").arg(m.title) : m.title, m_list);
        item->setData(Qt::UserRole, m.id);
        if (m.id == select)
            m_list->setCurrentItem(item);
    }
    if (!m_list->currentItem() && m_list->count() > 0)
        m_list->setCurrentRow(0);
    if (m_list->currentItem())
        showMacro(m_list->currentItem()->data(Qt::UserRole).toLongLong());
}

void MacroEditor::showMacro(RowId id)
{
    m_error->hide();
    m_editing = id;
    m_delete->setEnabled(id != 0);
    Macro m;
    if (id) {
        auto found = m_macros.macro(id);
        if (!found) {
            showError(found.errorMessage());
            return;
        }
        m = *found;
    }
    m_title->setText(m.title);
    m_audience->setCurrentIndex(m_audience->findData(int(m.visibility)));
    m_shared->setChecked(id == 0 || m.ownerAgentId == 0);
    m_body->setPlainText(m.body);
    m_status->setCurrentIndex(
        qMax(0, m_status->findData(m.actions.status ? int(*m.actions.status) : -1)));
    m_priority->setCurrentIndex(
        qMax(0, m_priority->findData(m.actions.priority ? int(*m.actions.priority) : -1)));
    m_tags->setText(m.actions.addTags.join(QStringLiteral(", ")));
}

void MacroEditor::startNew()
{
    {
        const QSignalBlocker block(m_list);
        m_list->clearSelection();
        m_list->setCurrentRow(-1);
    }
    showMacro(0);
    m_title->setFocus();
}

bool MacroEditor::save()
{
    m_error->hide();
    Macro m;
    if (m_editing) {
        auto found = m_macros.macro(m_editing);
        if (!found) {
            showError(found.errorMessage());
            return false;
        }
        m = *found;
    }
    m.title = m_title->text().trimmed();
    m.body = m_body->toPlainText();
    m.visibility = Visibility(m_audience->currentData().toInt());
    m.ownerAgentId = m_shared->isChecked() ? 0 : m_agent;
    const int status = m_status->currentData().toInt();
    m.actions.status = status < 0 ? std::nullopt : std::optional(TicketStatus(status));
    const int priority = m_priority->currentData().toInt();
    m.actions.priority = priority < 0 ? std::nullopt : std::optional(Priority(priority));
    m.actions.addTags.clear();
    for (const QString &t : m_tags->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!t.trimmed().isEmpty())
            m.actions.addTags << t.trimmed();
    auto saved = m_editing ? m_macros.update(m) : m_macros.create(m);
    if (!saved) {
        showError(saved.errorMessage());
        return false;
    }
    reload(saved->id);
    return true;
}

bool MacroEditor::removeSelected()
{
    if (!m_editing)
        return false;
    if (auto r = m_macros.remove(m_editing); !r) {
        showError(r.errorMessage());
        return false;
    }
    reload();
    if (m_list->count() == 0)
        startNew();
    return true;
}

void MacroEditor::showError(const QString &message)
{
    m_error->setText(message);
    m_error->show();
}

} // namespace hd
