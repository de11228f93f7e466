// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/ticketheader.h"

#include "core/domain/workflow.h"
#include "core/storage/directory.h"
#include "core/storage/ticketstore.h"
#include "ui/ticketdetailwidgets.h"

#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>

namespace hd {

namespace {
QComboBox *makeCombo(QWidget *parent, const char *name)
{
    auto *c = new QComboBox(parent);
    c->setObjectName(QString::fromLatin1(name));
    // Long Korean or English category and agent names must not widen the header.
    c->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    c->setMinimumContentsLength(8);
    c->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    return c;
}

void selectData(QComboBox *c, const QVariant &v)
{
    const int i = c->findData(v);
    c->setCurrentIndex(i < 0 ? 0 : i);
}

QStringList splitTags(const QString &text)
{
    QStringList tags = text.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (QString &t : tags)
        t = t.trimmed().toLower().replace(QLatin1Char(' '), QLatin1Char('_'));
    tags.removeAll(QString());
    tags.removeDuplicates();
    tags.sort();
    return tags;
}
} // namespace

TicketHeader::TicketHeader(TicketStore &store, Directory &directory, RowId currentAgent,
                           QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_directory(directory)
    , m_agent(currentAgent)
{
    setObjectName(QStringLiteral("ticketHeader"));
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(8, 8, 8, 4);
    grid->setHorizontalSpacing(10);
    grid->setVerticalSpacing(2);

    m_subject = new QLabel(this);
    m_subject->setObjectName(QStringLiteral("ticketSubject"));
    m_subject->setTextFormat(Qt::PlainText);
    m_subject->setWordWrap(true);
    m_subject->setTextInteractionFlags(Qt::TextSelectableByMouse);
    makeWrapping(m_subject);
    QFont big = m_subject->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_subject->setFont(big);
    m_meta = new QLabel(this);
    m_meta->setObjectName(QStringLiteral("ticketMeta"));
    m_meta->setWordWrap(true);
    makeWrapping(m_meta);
    m_meta->setStyleSheet(QStringLiteral("color: #4a5568;"));
    grid->addWidget(m_subject, 0, 0, 1, 3);
    grid->addWidget(m_meta, 1, 0, 1, 3);

    m_statusLabel = new QLabel(this);
    m_priorityLabel = new QLabel(this);
    m_categoryLabel = new QLabel(this);
    m_assigneeLabel = new QLabel(this);
    m_tagsLabel = new QLabel(this);
    m_status = makeCombo(this, "statusCombo");
    m_priority = makeCombo(this, "priorityCombo");
    m_category = makeCombo(this, "categoryCombo");
    m_assignee = makeCombo(this, "assigneeCombo");
    m_assignToMe = new QPushButton(this);
    m_assignToMe->setObjectName(QStringLiteral("assignToMe"));
    m_assignToMe->setVisible(m_agent != 0);
    m_tags = new QLineEdit(this);
    m_tags->setObjectName(QStringLiteral("tagsEdit"));
    m_tags->setClearButtonEnabled(true);
    m_statusLabel->setBuddy(m_status);
    m_priorityLabel->setBuddy(m_priority);
    m_categoryLabel->setBuddy(m_category);
    m_assigneeLabel->setBuddy(m_assignee);
    m_tagsLabel->setBuddy(m_tags);

    grid->addWidget(m_statusLabel, 2, 0);
    grid->addWidget(m_priorityLabel, 2, 1);
    grid->addWidget(m_categoryLabel, 2, 2);
    grid->addWidget(m_status, 3, 0);
    grid->addWidget(m_priority, 3, 1);
    grid->addWidget(m_category, 3, 2);
    grid->addWidget(m_assigneeLabel, 4, 0);
    grid->addWidget(m_tagsLabel, 4, 1, 1, 2);
    auto *assigneeRow = new QHBoxLayout;
    assigneeRow->setSpacing(4);
    assigneeRow->addWidget(m_assignee, 1);
    assigneeRow->addWidget(m_assignToMe);
    grid->addLayout(assigneeRow, 5, 0);
    grid->addWidget(m_tags, 5, 1, 1, 2);
    for (int c = 0; c < 3; ++c)
        grid->setColumnStretch(c, 1);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("headerError"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setStyleSheet(
        QStringLiteral("QLabel { color: #9b2c2c; background: #fff5f5; border: 1px solid #feb2b2;"
                       " border-radius: 4px; padding: 4px; }"));
    m_error->hide();
    grid->addWidget(m_error, 6, 0, 1, 3);

    connect(m_status, &QComboBox::activated, this, &TicketHeader::changeStatus);
    connect(m_priority, &QComboBox::activated, this, &TicketHeader::changePriority);
    connect(m_category, &QComboBox::activated, this, &TicketHeader::changeCategory);
    connect(m_assignee, &QComboBox::activated, this, &TicketHeader::changeAssignee);
    connect(m_tags, &QLineEdit::editingFinished, this, &TicketHeader::changeTags);
    connect(m_assignToMe, &QPushButton::clicked, this, &TicketHeader::assignToMe);
    retranslateUi();
    clear();
}

QString TicketHeader::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void TicketHeader::clear()
{
    m_ticket = Ticket();
    m_subject->clear();
    m_meta->clear();
    for (QComboBox *c : {m_status, m_priority, m_category, m_assignee})
        c->clear();
    m_tags->clear();
    m_error->hide();
    setEnabled(false);
}

void TicketHeader::setTicket(const Ticket &ticket)
{
    if (ticket.id != m_ticket.id)
        m_error->hide();
    m_ticket = ticket;
    setEnabled(ticket.id != 0);
    m_filling = true;
    m_subject->setText(ticket.subject);
    fillCategories();
    if (!m_tags->hasFocus())
        m_tags->setText(ticket.tags.join(QStringLiteral(", ")));
    const bool closed = ticket.status == TicketStatus::Closed;
    m_status->setEnabled(!closed);
    m_assignee->setEnabled(!closed);
    m_assignToMe->setEnabled(!closed && ticket.assigneeId != m_agent);
    retranslateUi(); // fills status, priority, assignees and the meta line
    m_filling = false;
}

void TicketHeader::fillStatus()
{
    m_status->clear();
    if (!m_ticket.id)
        return;
    m_status->addItem(displayName(m_ticket.status), wireName(m_ticket.status));
    for (TicketStatus to : workflow::allowedTargets(m_ticket.status)) {
        if (to == TicketStatus::Assigned && m_ticket.assigneeId == 0)
            continue; // the store would refuse: assign someone instead
        m_status->addItem(displayName(to), wireName(to));
    }
    m_status->setCurrentIndex(0);
}

void TicketHeader::fillPriority()
{
    m_priority->clear();
    for (Priority p : kAllPriorities)
        m_priority->addItem(displayName(p), int(p));
    selectData(m_priority, int(m_ticket.priority));
}

void TicketHeader::fillCategories()
{
    m_category->clear();
    m_category->addItem(tr("None"), RowId(0));
    if (auto all = m_directory.categories())
        for (const Category &c : *all)
            m_category->addItem(c.name, c.id);
    selectData(m_category, m_ticket.categoryId);
}

void TicketHeader::fillAssignees()
{
    m_assignee->clear();
    m_assignee->addItem(tr("Unassigned"), RowId(0));
    if (auto all = m_directory.agents())
        for (const Agent &a : *all)
            if (a.active || a.id == m_ticket.assigneeId)
                m_assignee->addItem(a.id == m_agent ? tr("%1 (me)").arg(a.name) : a.name, a.id);
    selectData(m_assignee, m_ticket.assigneeId);
}

void TicketHeader::applied(const Result<void> &result)
{
    if (!result) {
        m_error->setText(tr("The change was not saved: %1").arg(result.errorMessage()));
        m_error->show();
    } else {
        m_error->hide();
    }
    // Show what is stored, whether the change went through or not.
    if (auto fresh = m_store.ticket(m_ticket.id))
        setTicket(*fresh);
    if (result)
        Q_EMIT ticketEdited(m_ticket.id);
}

void TicketHeader::changeStatus()
{
    if (m_filling || !m_ticket.id)
        return;
    const auto to = parseStatus(m_status->currentData().toString());
    if (!to || *to == m_ticket.status)
        return;
    applied(m_store.transition(m_ticket.id, *to, Actor::agent(m_agent)));
}

void TicketHeader::changePriority()
{
    if (m_filling || !m_ticket.id)
        return;
    const auto p = Priority(m_priority->currentData().toInt());
    if (p == m_ticket.priority)
        return;
    applied(m_store.setPriority(m_ticket.id, p, Actor::agent(m_agent)));
}

void TicketHeader::changeCategory()
{
    if (m_filling || !m_ticket.id)
        return;
    const RowId id = m_category->currentData().toLongLong();
    if (id == m_ticket.categoryId)
        return;
    applied(m_store.setCategory(m_ticket.id, id, Actor::agent(m_agent)));
}

void TicketHeader::changeAssignee()
{
    if (m_filling || !m_ticket.id)
        return;
    const RowId id = m_assignee->currentData().toLongLong();
    if (id == m_ticket.assigneeId)
        return;
    applied(m_store.assign(m_ticket.id, id, Actor::agent(m_agent)));
}

void TicketHeader::assignToMe()
{
    if (!m_ticket.id || !m_agent || m_ticket.assigneeId == m_agent)
        return;
    applied(m_store.assign(m_ticket.id, m_agent, Actor::agent(m_agent)));
}

void TicketHeader::changeTags()
{
    if (m_filling || !m_ticket.id)
        return;
    const QStringList tags = splitTags(m_tags->text());
    if (tags == m_ticket.tags)
        return;
    applied(m_store.setTags(m_ticket.id, tags, Actor::agent(m_agent)));
}

void TicketHeader::retranslateUi()
{
    m_statusLabel->setText(tr("&Status"));
    m_priorityLabel->setText(tr("&Priority"));
    m_categoryLabel->setText(tr("&Category"));
    m_assigneeLabel->setText(tr("&Assignee"));
    m_tagsLabel->setText(tr("&Tags"));
    m_assignToMe->setText(tr("Take it"));
    m_assignToMe->setToolTip(tr("Assign this ticket to yourself"));
    m_tags->setPlaceholderText(tr("Tags, separated by commas"));
    if (!m_ticket.id) {
        m_meta->clear();
        return;
    }
    const QLocale locale;
    m_meta->setText(
        tr("#%1 · %2 · created %3 · updated %4")
            .arg(QString::number(m_ticket.number), displayName(m_ticket.channel),
                 locale.toString(m_ticket.createdAt.toLocalTime(), QLocale::ShortFormat),
                 locale.toString(m_ticket.updatedAt.toLocalTime(), QLocale::ShortFormat)));
    const bool filling = m_filling;
    m_filling = true;
    fillStatus(); // display names of statuses and priorities follow the language
    fillPriority();
    const RowId category = m_category->currentData().toLongLong();
    m_category->setItemText(0, tr("None"));
    selectData(m_category, category);
    fillAssignees();
    m_filling = filling;
}

void TicketHeader::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace hd
