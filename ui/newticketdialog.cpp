// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/newticketdialog.h"

#include "core/storage/directory.h"
#include "core/storage/ticketstore.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTimer>
#include <QVBoxLayout>

namespace hd {

namespace {

constexpr int kCustomerRole = Qt::UserRole + 1;

QStringList splitTags(const QString &text)
{
    QStringList tags;
    for (const QString &t : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (const QString s = t.trimmed(); !s.isEmpty())
            tags << s;
    return tags;
}

} // namespace

NewTicketDialog::NewTicketDialog(TicketStore &store, Directory &directory, RowId currentAgent,
                                 QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_directory(directory)
    , m_agent(currentAgent)
{
    setObjectName(QStringLiteral("newTicketDialog"));
    setWindowTitle(tr("New ticket"));
    buildUi();
    fillChoices();
}

void NewTicketDialog::buildUi()
{
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);

    m_channel = new QComboBox(this);
    m_channel->setObjectName(QStringLiteral("newTicketChannel"));
    for (Channel c : kAllChannels)
        m_channel->addItem(displayName(c), int(c));
    m_channel->setCurrentIndex(m_channel->findData(int(Channel::Phone)));
    form->addRow(tr("&Channel:"), m_channel);

    auto *inbound = new QRadioButton(tr("The customer contacted us (inbound)"), this);
    inbound->setObjectName(QStringLiteral("newTicketInbound"));
    auto *outbound = new QRadioButton(tr("We contacted the customer (outbound)"), this);
    outbound->setObjectName(QStringLiteral("newTicketOutbound"));
    inbound->setChecked(true);
    m_direction = new QButtonGroup(this);
    m_direction->addButton(inbound, int(Direction::Inbound));
    m_direction->addButton(outbound, int(Direction::Outbound));
    auto *dirBox = new QVBoxLayout;
    dirBox->addWidget(inbound);
    dirBox->addWidget(outbound);
    form->addRow(tr("Who spoke first:"), dirBox);

    auto *requester = new QGroupBox(tr("Requester"), this);
    auto *reqLayout = new QVBoxLayout(requester);
    m_requesterSearch = new QLineEdit(requester);
    m_requesterSearch->setObjectName(QStringLiteral("newTicketRequesterSearch"));
    m_requesterSearch->setPlaceholderText(tr("Find a customer by name, email or phone…"));
    m_requesterSearch->setClearButtonEnabled(true);
    m_matches = new QListWidget(requester);
    m_matches->setObjectName(QStringLiteral("newTicketMatches"));
    m_matches->setMaximumHeight(110);
    auto *newCustomer = new QFormLayout;
    m_newName = new QLineEdit(requester);
    m_newName->setObjectName(QStringLiteral("newTicketCustomerName"));
    m_newEmail = new QLineEdit(requester);
    m_newEmail->setObjectName(QStringLiteral("newTicketCustomerEmail"));
    m_newPhone = new QLineEdit(requester);
    m_newPhone->setObjectName(QStringLiteral("newTicketCustomerPhone"));
    newCustomer->addRow(tr("Or a new customer — name:"), m_newName);
    newCustomer->addRow(tr("Email:"), m_newEmail);
    newCustomer->addRow(tr("Phone:"), m_newPhone);
    reqLayout->addWidget(m_requesterSearch);
    reqLayout->addWidget(m_matches);
    reqLayout->addLayout(newCustomer);
    form->addRow(requester);

    m_subject = new QLineEdit(this);
    m_subject->setObjectName(QStringLiteral("newTicketSubject"));
    form->addRow(tr("&Subject:"), m_subject);
    m_body = new QPlainTextEdit(this);
    m_body->setObjectName(QStringLiteral("newTicketBody"));
    m_body->setPlaceholderText(tr("What was said: the customer's request, or what we told them."));
    form->addRow(tr("&Notes of the contact:"), m_body);

    m_priority = new QComboBox(this);
    m_priority->setObjectName(QStringLiteral("newTicketPriority"));
    for (Priority p : kAllPriorities)
        m_priority->addItem(displayName(p), int(p));
    m_priority->setCurrentIndex(m_priority->findData(int(Priority::Normal)));
    form->addRow(tr("&Priority:"), m_priority);
    m_category = new QComboBox(this);
    m_category->setObjectName(QStringLiteral("newTicketCategory"));
    form->addRow(tr("C&ategory:"), m_category);
    m_assignee = new QComboBox(this);
    m_assignee->setObjectName(QStringLiteral("newTicketAssignee"));
    form->addRow(tr("&Assignee:"), m_assignee);
    m_tags = new QLineEdit(this);
    m_tags->setObjectName(QStringLiteral("newTicketTags"));
    m_tags->setPlaceholderText(tr("Comma-separated, e.g. refund, vip"));
    form->addRow(tr("&Tags:"), m_tags);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("newTicketError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_error->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("newTicketButtons"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create ticket"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &NewTicketDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &NewTicketDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    resize(560, 680);

    m_searchTimer = new QTimer(this);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(200);
    connect(m_searchTimer, &QTimer::timeout, this, &NewTicketDialog::searchRequester);
    connect(m_requesterSearch, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
}

void NewTicketDialog::fillChoices()
{
    m_category->addItem(tr("(none)"), 0);
    if (auto cats = m_directory.categories())
        for (const Category &c : *cats)
            m_category->addItem(c.name, c.id);
    m_assignee->addItem(tr("(unassigned)"), 0);
    if (auto agents = m_directory.agents())
        for (const Agent &a : *agents)
            if (a.active)
                m_assignee->addItem(a.name, a.id);
    m_assignee->setCurrentIndex(qMax(0, m_assignee->findData(m_agent)));
}

void NewTicketDialog::searchRequester()
{
    m_matches->clear();
    const QString text = m_requesterSearch->text().trimmed();
    if (text.isEmpty())
        return;
    auto found = m_directory.searchCustomers(text, 20);
    if (!found)
        return; // nothing searchable typed yet; the list stays empty
    for (const Customer &c : *found) {
        QStringList parts{c.name};
        if (!c.email.isEmpty())
            parts << c.email;
        if (!c.phone.isEmpty())
            parts << c.phone;
        auto *item = new QListWidgetItem(parts.join(QStringLiteral(" · ")), m_matches);
        item->setData(kCustomerRole, c.id);
    }
    if (m_matches->count() == 1)
        m_matches->setCurrentRow(0);
}

Result<RowId> NewTicketDialog::requesterId()
{
    if (QListWidgetItem *item = m_matches->currentItem())
        return item->data(kCustomerRole).toLongLong();
    const QString name = m_newName->text().trimmed();
    const QString email = m_newEmail->text().trimmed();
    const QString phone = m_newPhone->text().trimmed();
    if (name.isEmpty() && email.isEmpty() && phone.isEmpty())
        return Error{ErrorCode::InvalidArgument,
                     tr("Choose the requester from the list or enter a new customer's name, "
                        "email or phone.")};
    // An address already on file belongs to that customer: reuse rather than duplicate.
    if (!email.isEmpty())
        if (auto known = m_directory.findCustomerByIdentity(Channel::Email, email))
            return known->id;
    if (!phone.isEmpty())
        if (auto known = m_directory.findCustomerByIdentity(Channel::Phone, phone))
            return known->id;
    Customer c;
    c.name = name;
    c.email = email;
    c.phone = phone;
    auto added = m_directory.addCustomer(c);
    if (!added)
        return added.error();
    return added->id;
}

Result<Ticket> NewTicketDialog::submit()
{
    m_error->hide();
    if (m_subject->text().trimmed().isEmpty()) {
        showError(tr("Enter a subject."));
        m_subject->setFocus();
        return Error{ErrorCode::InvalidArgument, m_error->text()};
    }
    auto requester = requesterId();
    if (!requester) {
        showError(requester.errorMessage());
        return requester.error();
    }
    NewTicket t;
    t.subject = m_subject->text();
    t.body = m_body->toPlainText();
    t.channel = Channel(m_channel->currentData().toInt());
    t.direction = Direction(m_direction->checkedId());
    t.priority = Priority(m_priority->currentData().toInt());
    t.categoryId = m_category->currentData().toLongLong();
    t.assigneeId = m_assignee->currentData().toLongLong();
    t.requesterId = *requester;
    t.tags = splitTags(m_tags->text());
    t.actor = Actor::agent(m_agent);
    auto created = m_store.create(t);
    if (!created) {
        showError(created.errorMessage());
        return created.error();
    }
    m_created = created->id;
    Q_EMIT ticketCreated(m_created);
    QDialog::accept();
    return created;
}

void NewTicketDialog::accept()
{
    (void)submit();
}

void NewTicketDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->show();
}

} // namespace hd
