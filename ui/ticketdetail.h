// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain/ticket.h"

#include <QWidget>

class QLabel;
class QSplitter;
class QStackedWidget;
class QTimer;

namespace hd {

class AttachmentStore;
class Clock;
class Composer;
class ConversationModel;
class ConversationView;
class CustomerPanel;
class Directory;
class Drafts;
class Macros;
class SlaClocksView;
class TicketHeader;
class TicketStore;

/// The agent's workspace for one ticket: header with editable fields and SLA clocks, the
/// conversation (messages, internal notes and history in one thread), the composer, and the
/// requester with their other tickets. Follows TicketStore::changed(), so changes made
/// elsewhere (another window, sync, an import) show up at once.
class TicketDetail : public QWidget
{
    Q_OBJECT
public:
    /// How often the SLA clocks are recomputed while shown.
    static constexpr int kSlaRefreshMs = 30'000;

    TicketDetail(TicketStore &store, Directory &directory, AttachmentStore &attachments,
                 Drafts &drafts, Macros &macros, const Clock &clock, RowId currentAgent,
                 QWidget *parent = nullptr);
    ~TicketDetail() override;

    /// Shows a ticket (0 = none); the composer keeps the previous ticket's draft.
    void setTicket(RowId ticketId);
    [[nodiscard]] RowId ticketId() const { return m_ticketId; }
    /// Re-reads the ticket, its conversation, SLA clocks and requester.
    void refresh();

    [[nodiscard]] Composer *composer() const { return m_composer; }
    [[nodiscard]] ConversationModel *conversationModel() const { return m_model; }
    [[nodiscard]] ConversationView *conversationView() const { return m_view; }
    [[nodiscard]] TicketHeader *header() const { return m_header; }
    [[nodiscard]] CustomerPanel *customerPanel() const { return m_customer; }

Q_SIGNALS:
    /// This widget changed the ticket (a field in the header, a message sent).
    void ticketChanged(hd::RowId ticketId);
    /// The agent asked to open another ticket (from the requester's list).
    void openTicketRequested(hd::RowId ticketId);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void retranslateUi();
    void ticketsChanged(const QList<hd::RowId> &ids);
    void refreshSla();
    void makePublic(hd::RowId messageId, const QString &text);

    TicketStore &m_store;
    const Clock &m_clock;
    RowId m_ticketId = 0;
    QString m_loadError;

    QStackedWidget *m_stack = nullptr;
    QLabel *m_placeholder = nullptr;
    QWidget *m_page = nullptr;
    TicketHeader *m_header = nullptr;
    SlaClocksView *m_sla = nullptr;
    ConversationModel *m_model = nullptr;
    ConversationView *m_view = nullptr;
    Composer *m_composer = nullptr;
    CustomerPanel *m_customer = nullptr;
    QSplitter *m_mainSplitter = nullptr;
    QSplitter *m_threadSplitter = nullptr;
    QTimer *m_slaTimer = nullptr;
};

} // namespace hd
