// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/mergesplitdialogs.h"

#include "core/storage/ticketstore.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace hd {

namespace {

QLabel *errorLabel(QWidget *parent, const QString &name)
{
    auto *l = new QLabel(parent);
    l->setObjectName(name);
    l->setWordWrap(true);
    l->setStyleSheet(QStringLiteral("color: #b3261e;"));
    l->hide();
    return l;
}

QString ticketLine(const Ticket &t)
{
    return QCoreApplication::translate("hd::MergeDialog", "#%1 %2 — %3, %4")
        .arg(t.number)
        .arg(t.subject, t.requesterName, displayName(t.status));
}

} // namespace

MergeDialog::MergeDialog(TicketStore &store, QList<RowId> sources, RowId agent, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_sources(std::move(sources))
    , m_agent(agent)
{
    setObjectName(QStringLiteral("mergeDialog"));
    setWindowTitle(tr("Merge tickets"));
    auto *layout = new QVBoxLayout(this);
    QStringList lines;
    for (RowId id : std::as_const(m_sources))
        if (auto t = m_store.ticket(id))
            lines << ticketLine(*t);
    auto *intro = new QLabel(
        tr("Merge %n ticket(s) into another. Their messages move to the target and they are "
           "closed with a link to it:",
           nullptr, int(m_sources.size()))
            + QLatin1Char('\n') + lines.join(QLatin1Char('\n')),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    m_targetEdit = new QLineEdit(this);
    m_targetEdit->setObjectName(QStringLiteral("mergeTarget"));
    m_targetEdit->setPlaceholderText(tr("Ticket number, e.g. 1234"));
    form->addRow(tr("Merge &into:"), m_targetEdit);
    layout->addLayout(form);
    m_preview = new QLabel(this);
    m_preview->setObjectName(QStringLiteral("mergePreview"));
    m_preview->setWordWrap(true);
    layout->addWidget(m_preview);
    m_error = errorLabel(this, QStringLiteral("mergeError"));
    layout->addWidget(m_error);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Merge"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &MergeDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &MergeDialog::reject);
    layout->addWidget(m_buttons);
    connect(m_targetEdit, &QLineEdit::textChanged, this, &MergeDialog::lookUpTarget);
    resize(520, 260);
}

void MergeDialog::setTarget(const QString &numberOrUuid)
{
    m_targetEdit->setText(numberOrUuid);
}

void MergeDialog::lookUpTarget()
{
    m_target = 0;
    m_error->hide();
    const QString key = m_targetEdit->text().trimmed();
    auto t
        = key.isEmpty() ? Result<Ticket>(Error{ErrorCode::NotFound, QString()}) : m_store.find(key);
    if (!t) {
        m_preview->setText(key.isEmpty() ? QString() : tr("No ticket %1.").arg(key));
    } else if (m_sources.contains(t->id)) {
        m_preview->setText(tr("A ticket cannot be merged into itself."));
    } else {
        m_target = t->id;
        m_preview->setText(tr("Target: %1").arg(ticketLine(*t)));
    }
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_target != 0);
}

Result<void> MergeDialog::submit()
{
    if (!m_target)
        return Error{ErrorCode::InvalidArgument, tr("Name the ticket to merge into.")};
    // One batch: either every source is merged or none is.
    auto r = m_store.batch([this]() -> Result<void> {
        for (RowId id : std::as_const(m_sources))
            if (auto m = m_store.merge(id, m_target, Actor::agent(m_agent)); !m)
                return m;
        return {};
    });
    if (!r) {
        m_error->setText(r.errorMessage());
        m_error->show();
        return r;
    }
    Q_EMIT merged(m_target);
    QDialog::accept();
    return {};
}

void MergeDialog::accept()
{
    (void)submit();
}

SplitDialog::SplitDialog(TicketStore &store, RowId ticket, RowId agent, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_ticket(ticket)
    , m_agent(agent)
{
    setObjectName(QStringLiteral("splitDialog"));
    setWindowTitle(tr("Split ticket"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("Tick the messages that belong to a separate matter. They move to a new ticket with "
           "the same requester; the rest stays here."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_messages = new QListWidget(this);
    m_messages->setObjectName(QStringLiteral("splitMessages"));
    m_messages->setWordWrap(true);
    const QLocale locale;
    if (auto messages = m_store.messages(m_ticket, true)) {
        for (const Message &m : *messages) {
            const QString who = m.visibility == Visibility::Internal
                ? tr("%1 (internal note)").arg(m.authorName)
                : m.authorName;
            auto *item = new QListWidgetItem(
                QStringLiteral("%1 · %2\n%3")
                    .arg(locale.toString(m.createdAt.toLocalTime(), QLocale::ShortFormat), who,
                         m.body.left(300).simplified()),
                m_messages);
            item->setData(Qt::UserRole, m.id);
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
            item->setCheckState(Qt::Unchecked);
        }
    }
    layout->addWidget(m_messages, 1);
    m_error = errorLabel(this, QStringLiteral("splitError"));
    layout->addWidget(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Split into a new ticket"));
    connect(buttons, &QDialogButtonBox::accepted, this, &SplitDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SplitDialog::reject);
    layout->addWidget(buttons);
    resize(620, 480);
}

void SplitDialog::checkMessages(const QList<RowId> &ids)
{
    for (int i = 0; i < m_messages->count(); ++i) {
        QListWidgetItem *item = m_messages->item(i);
        item->setCheckState(ids.contains(item->data(Qt::UserRole).toLongLong()) ? Qt::Checked
                                                                                : Qt::Unchecked);
    }
}

Result<Ticket> SplitDialog::submit()
{
    QList<RowId> ids;
    for (int i = 0; i < m_messages->count(); ++i)
        if (m_messages->item(i)->checkState() == Qt::Checked)
            ids << m_messages->item(i)->data(Qt::UserRole).toLongLong();
    auto r = m_store.split(m_ticket, ids, Actor::agent(m_agent));
    if (!r) {
        m_error->setText(r.errorMessage());
        m_error->show();
        return r.error();
    }
    m_created = r->id;
    Q_EMIT split(m_created);
    QDialog::accept();
    return r;
}

void SplitDialog::accept()
{
    (void)submit();
}

} // namespace hd
