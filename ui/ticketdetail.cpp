// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/ticketdetail.h"

#include "core/base/clock.h"
#include "core/storage/ticketstore.h"
#include "core/workflow/slaservice.h"
#include "ui/composer.h"
#include "ui/conversationmodel.h"
#include "ui/conversationview.h"
#include "ui/customerpanel.h"
#include "ui/ticketheader.h"
#include "ui/ticketheadersla.h"

#include <QEvent>
#include <QFrame>
#include <QLabel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace hd {

TicketDetail::TicketDetail(TicketStore &store, Directory &directory, AttachmentStore &attachments,
                           Drafts &drafts, Macros &macros, const Clock &clock, RowId currentAgent,
                           QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_clock(clock)
{
    setObjectName(QStringLiteral("ticketDetail"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_stack = new QStackedWidget(this);
    outer->addWidget(m_stack);

    m_placeholder = new QLabel(m_stack);
    m_placeholder->setObjectName(QStringLiteral("ticketDetailPlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setStyleSheet(QStringLiteral("color: #718096;"));
    m_stack->addWidget(m_placeholder);

    m_page = new QWidget(m_stack);
    auto *page = new QVBoxLayout(m_page);
    page->setContentsMargins(0, 0, 0, 0);
    page->setSpacing(0);
    m_header = new TicketHeader(store, directory, currentAgent, m_page);
    page->addWidget(m_header);
    m_sla = new SlaClocksView(m_page);
    m_sla->setContentsMargins(8, 0, 8, 6);
    page->addWidget(m_sla);
    auto *line = new QFrame(m_page);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    page->addWidget(line);

    m_mainSplitter = new QSplitter(Qt::Horizontal, m_page);
    m_mainSplitter->setObjectName(QStringLiteral("ticketDetailSplitter"));
    m_threadSplitter = new QSplitter(Qt::Vertical, m_mainSplitter);
    m_threadSplitter->setObjectName(QStringLiteral("ticketThreadSplitter"));
    m_model = new ConversationModel(store, directory, this);
    m_view = new ConversationView(attachments, clock, m_threadSplitter);
    m_view->setModel(m_model);
    m_composer = new Composer(store, directory, attachments, drafts, macros, clock, currentAgent,
                              m_threadSplitter);
    m_threadSplitter->addWidget(m_view);
    m_threadSplitter->addWidget(m_composer);
    m_threadSplitter->setStretchFactor(0, 3);
    m_threadSplitter->setStretchFactor(1, 1);
    m_threadSplitter->setSizes({600, 240}); // proportions: the thread gets most of the height
    m_threadSplitter->setChildrenCollapsible(false);
    m_customer = new CustomerPanel(store.database(), directory, m_mainSplitter);
    m_customer->setMinimumWidth(160);
    m_mainSplitter->addWidget(m_threadSplitter);
    m_mainSplitter->addWidget(m_customer);
    m_mainSplitter->setStretchFactor(0, 3);
    m_mainSplitter->setStretchFactor(1, 1);
    m_mainSplitter->setSizes({750, 250});
    page->addWidget(m_mainSplitter, 1);
    m_stack->addWidget(m_page);

    m_slaTimer = new QTimer(this);
    m_slaTimer->setInterval(kSlaRefreshMs);
    connect(m_slaTimer, &QTimer::timeout, this, &TicketDetail::refreshSla);

    connect(&m_store, &TicketStore::changed, this, &TicketDetail::ticketsChanged);
    connect(m_header, &TicketHeader::ticketEdited, this, &TicketDetail::ticketChanged);
    connect(m_composer, &Composer::sent, this,
            [this](RowId ticket, RowId) { Q_EMIT ticketChanged(ticket); });
    connect(m_customer, &CustomerPanel::openTicketRequested, this,
            &TicketDetail::openTicketRequested);
    connect(m_view, &ConversationView::makePublicRequested, this, &TicketDetail::makePublic);
    retranslateUi();
}

TicketDetail::~TicketDetail() = default;

void TicketDetail::setTicket(RowId ticketId)
{
    if (ticketId != 0 && ticketId == m_ticketId) { // the same ticket again: keep scroll and draft
        (void)m_model->refresh();
        refresh();
        return;
    }
    m_ticketId = ticketId;
    m_loadError.clear();
    if (ticketId) {
        auto t = m_store.ticket(ticketId);
        if (!t) {
            m_loadError = t.errorMessage();
            m_ticketId = 0;
        }
    }
    m_composer->setTicket(m_ticketId);
    (void)m_model->setTicket(m_ticketId);
    refresh();
}

void TicketDetail::refresh()
{
    if (!m_ticketId) {
        m_header->clear();
        m_sla->clear();
        m_customer->setTicket(Ticket());
        m_stack->setCurrentWidget(m_placeholder);
        retranslateUi();
        return;
    }
    auto t = m_store.ticket(m_ticketId);
    if (!t) {
        m_loadError = t.errorMessage();
        m_ticketId = 0;
        refresh();
        return;
    }
    m_header->setTicket(*t);
    m_customer->setTicket(*t);
    refreshSla();
    m_stack->setCurrentWidget(m_page);
}

void TicketDetail::refreshSla()
{
    if (!m_ticketId)
        return;
    auto state = m_store.sla().state(m_ticketId);
    if (state)
        m_sla->setState(*state, m_clock.now());
    else
        m_sla->clear();
}

void TicketDetail::ticketsChanged(const QList<RowId> &ids)
{
    m_customer->ticketsChanged(ids);
    if (!m_ticketId || !ids.contains(m_ticketId))
        return;
    (void)m_model->refresh();
    refresh();
}

void TicketDetail::makePublic(RowId messageId, const QString &text)
{
    Q_UNUSED(messageId)
    m_composer->startPublicUpdate(text);
}

void TicketDetail::retranslateUi()
{
    m_placeholder->setText(m_loadError.isEmpty()
                               ? tr("Select a ticket to see its conversation.")
                               : tr("The ticket could not be opened: %1").arg(m_loadError));
}

void TicketDetail::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        m_model->retranslate();
        refreshSla();
    }
    QWidget::changeEvent(event);
}

void TicketDetail::showEvent(QShowEvent *event)
{
    m_slaTimer->start();
    refreshSla();
    QWidget::showEvent(event);
}

void TicketDetail::hideEvent(QHideEvent *event)
{
    m_slaTimer->stop();
    QWidget::hideEvent(event);
}

} // namespace hd
