// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/customerpanel.h"

#include "core/storage/directory.h"
#include "ui/customerpanelmodel.h"
#include "ui/ticketdetailwidgets.h"

#include <QApplication>
#include <QEvent>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QTreeView>
#include <QVBoxLayout>

namespace hd {

namespace {
/// Two elided lines per ticket: "#1042 Subject" and, in grey, its status and date.
class TicketLinesDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const override
    {
        const int line = option.fontMetrics.lineSpacing();
        return {option.rect.width(), 2 * line + 8};
    }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        opt.text.clear();
        const QWidget *w = opt.widget;
        QStyle *style = w ? w->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, w);
        const QRect r = opt.rect.adjusted(4, 4, -4, -4);
        const int line = opt.fontMetrics.lineSpacing();
        const bool selected = opt.state & QStyle::State_Selected;
        painter->save();
        painter->setPen(opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
        const QString title = index.data(CustomerTicketsModel::TitleRole).toString();
        painter->drawText(QRect(r.left(), r.top(), r.width(), line),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          opt.fontMetrics.elidedText(title, Qt::ElideRight, r.width()));
        if (!selected)
            painter->setPen(QColor(0x71, 0x80, 0x96));
        const QString detail = index.data(CustomerTicketsModel::DetailRole).toString();
        painter->drawText(QRect(r.left(), r.top() + line, r.width(), line),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          opt.fontMetrics.elidedText(detail, Qt::ElideRight, r.width()));
        painter->restore();
    }
};
} // namespace

CustomerPanel::CustomerPanel(Database &db, Directory &directory, QWidget *parent)
    : QWidget(parent)
    , m_directory(directory)
    , m_model(new CustomerTicketsModel(db, this))
{
    setObjectName(QStringLiteral("customerPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    m_title = new QLabel(this);
    m_title->setStyleSheet(QStringLiteral("color: #4a5568; font-weight: bold;"));
    m_name = new QLabel(this);
    m_name->setObjectName(QStringLiteral("customerName"));
    m_name->setTextFormat(Qt::PlainText);
    m_name->setWordWrap(true);
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont big = m_name->font();
    big.setPointSizeF(big.pointSizeF() * 1.2);
    big.setBold(true);
    m_name->setFont(big);
    m_details = new QLabel(this);
    m_details->setObjectName(QStringLiteral("customerDetails"));
    m_details->setTextFormat(Qt::PlainText);
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_ticketsTitle = new QLabel(this);
    m_ticketsTitle->setStyleSheet(QStringLiteral("color: #4a5568; font-weight: bold;"));
    // One column, two lines per ticket (subject; status and date), each elided to the panel's
    // width: long Korean or English subjects never widen the panel or need a scroll bar.
    m_list = new QTreeView(this);
    m_list->setObjectName(QStringLiteral("customerTickets"));
    m_list->setModel(m_model);
    m_list->setHeaderHidden(true);
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setWordWrap(false);
    m_list->setTextElideMode(Qt::ElideRight);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setItemDelegate(new TicketLinesDelegate(m_list));
    m_noTickets = new QLabel(this);
    m_noTickets->setObjectName(QStringLiteral("customerNoTickets"));
    m_noTickets->setWordWrap(true);
    m_noTickets->setStyleSheet(QStringLiteral("color: #718096;"));
    for (QLabel *l : {m_title, m_name, m_details, m_ticketsTitle, m_noTickets})
        makeWrapping(l);
    layout->addWidget(m_title);
    layout->addWidget(m_name);
    layout->addWidget(m_details);
    layout->addSpacing(8);
    layout->addWidget(m_ticketsTitle);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_noTickets);
    layout->addStretch(0);

    const auto open = [this](const QModelIndex &index) {
        if (index.isValid())
            Q_EMIT openTicketRequested(index.data(CustomerTicketsModel::TicketIdRole).toLongLong());
    };
    connect(m_list, &QTreeView::activated, this, open);
    connect(m_list, &QTreeView::clicked, this, open);
    connect(m_model, &QAbstractItemModel::modelReset, this, &CustomerPanel::retranslateUi);
    retranslateUi();
}

void CustomerPanel::setTicket(const Ticket &ticket)
{
    const bool sameCustomer
        = ticket.requesterId == m_ticket.requesterId && ticket.id == m_ticket.id;
    m_ticket = ticket;
    showCustomer();
    if (sameCustomer)
        (void)m_model->refresh();
    else
        (void)m_model->setCustomer(ticket.requesterId, ticket.id);
    retranslateUi();
}

void CustomerPanel::ticketsChanged(const QList<RowId> &ticketIds)
{
    for (RowId id : ticketIds)
        if (id == m_ticket.id || m_model->contains(id)) {
            (void)m_model->refresh();
            return;
        }
}

void CustomerPanel::showCustomer()
{
    if (!m_ticket.requesterId) {
        m_name->setText(m_ticket.id ? tr("No requester") : QString());
        m_details->clear();
        return;
    }
    auto c = m_directory.customer(m_ticket.requesterId);
    if (!c) {
        m_name->setText(m_ticket.requesterName);
        m_details->setText(c.errorMessage());
        return;
    }
    m_name->setText(c->name);
    QStringList lines;
    if (!c->email.isEmpty())
        lines << tr("Email: %1").arg(c->email);
    if (!c->phone.isEmpty())
        lines << tr("Phone: %1").arg(c->phone);
    for (const CustomerIdentity &i : c->identities) {
        const QString line = QStringLiteral("%1: %2").arg(displayName(i.channel), i.handle);
        if (!lines.contains(line) && i.handle != c->email && i.handle != c->phone)
            lines << line;
    }
    if (!c->language.isEmpty())
        lines << tr("Language: %1").arg(QLocale(c->language).nativeLanguageName());
    if (c->createdAt.isValid())
        lines << tr("Customer since %1")
                     .arg(QLocale().toString(c->createdAt.toLocalTime().date(),
                                             QLocale::ShortFormat));
    m_details->setText(lines.join(QLatin1Char('\n')));
}

void CustomerPanel::retranslateUi()
{
    m_title->setText(tr("Requester"));
    m_ticketsTitle->setText(m_model->rowCount() > 0
                                ? tr("Other tickets (%L1)").arg(m_model->rowCount())
                                : tr("Other tickets"));
    m_noTickets->setText(tr("No other tickets from this customer."));
    m_noTickets->setVisible(m_ticket.requesterId && m_model->rowCount() == 0);
    m_list->setVisible(m_model->rowCount() > 0);
}

void CustomerPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        showCustomer();
    }
    QWidget::changeEvent(event);
}

} // namespace hd
