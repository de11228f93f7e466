// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain/ticket.h"
#include "core/storage/macros.h"
#include "ui/composercollision.h"

#include <QWidget>

#include <optional>

class QButtonGroup;
class QFrame;
class QLabel;
class QListView;
class QMenu;
class QPushButton;
class QTimer;
class QToolButton;

namespace hd {

class AttachmentIntake;
class AttachmentStore;
class Clock;
class ComposerAttachmentModel;
class ComposerEditor;
class Directory;
class Drafts;
class TicketStore;

/// Writes a reply to the customer or an internal note on one ticket.
///
/// The audience is chosen with two buttons (Reply / Internal note) and shown everywhere it
/// matters before sending: a banner ("The customer will see this" / "Only colleagues see
/// this"), the editor's frame and background (blue / amber), and the send button's words.
/// Attachments come by button, drop or paste (screenshots become PNG files; text too long for a
/// message becomes a .txt file), each checked for size and type with a clear message; the text
/// written so far is never lost. Drafts are saved per ticket and agent as one types and restored
/// when the ticket is opened again. When the ticket changed underneath (new messages, status,
/// assignee...) since the composer last looked, a banner says so, and sending asks first.
class Composer : public QWidget
{
    Q_OBJECT
public:
    /// How long typing pauses before the draft is saved.
    static constexpr int kDraftDelayMs = 800;

    Composer(TicketStore &store, Directory &directory, AttachmentStore &attachments, Drafts &drafts,
             Macros &macros, const Clock &clock, RowId currentAgent, QWidget *parent = nullptr);
    ~Composer() override;

    /// Saves the draft of the current ticket and shows `ticketId`'s (0 = none).
    void setTicket(RowId ticketId);
    [[nodiscard]] RowId ticketId() const { return m_ticketId; }

    void setAudience(Visibility audience);
    [[nodiscard]] Visibility audience() const { return m_audience; }
    [[nodiscard]] QString text() const;
    void setText(const QString &text);
    [[nodiscard]] QList<AttachmentRef> attachments() const;
    [[nodiscard]] ComposerAttachmentModel *attachmentModel() const { return m_attachmentModel; }
    /// The last notice shown (error, warning or confirmation), empty when none.
    [[nodiscard]] QString notice() const;
    [[nodiscard]] bool collisionShown() const;

    /// "Make public": switches to Reply, filled with (part of) an internal note for the agent to
    /// edit. Refused with a notice while an unsent internal note is in the composer (it would
    /// otherwise become public with it).
    bool startPublicUpdate(const QString &noteText);
    /// Attaches files; false if any was refused (each reason is in the notice).
    bool addFiles(const QStringList &paths);
    bool addImage(const QImage &image);
    /// Text too long to paste into the message: attached as a .txt file when it fits the limit.
    bool addLongText(const QString &text);
    /// Inserts a macro at the cursor; its actions run when the message is sent.
    bool insertMacro(RowId macroId);
    /// Saves the draft now (normally done after a pause in typing).
    void saveDraft();
    /// Sends the message; false when it was refused, cancelled or failed (the text stays).
    bool send();
    /// The ticket as it is now counts as seen (the collision banner's "Got it").
    void acknowledgeChanges();

    /// Test hooks: the answer the next collision question gets without showing it (true =
    /// send anyway), and the files the next "Attach" dialog returns.
    static void setNextCollisionAnswer(std::optional<bool> sendAnyway);
    static void setNextFileChoice(std::optional<QStringList> paths);

Q_SIGNALS:
    /// A message was added to the ticket (and the macro's actions, if any, applied).
    void sent(hd::RowId ticketId, hd::RowId messageId);

protected:
    void changeEvent(QEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void buildUi();
    void retranslateUi();
    void updateAudienceLook();
    void updateMacroActions();
    void updateEnabled();
    void showNotice(const QString &text, bool error);
    void clearNotice();
    void contentChanged();
    void loadDraft();
    void ticketsChanged(const QList<hd::RowId> &ids);
    void checkCollision();
    bool confirmCollision(const QStringList &changes);
    void chooseFiles();
    void fillMacroMenu();
    void removeSelectedAttachment();
    void previewAttachment(const QModelIndex &index);
    bool take(const Result<AttachmentRef> &ref);
    [[nodiscard]] QStringList unfilledPlaceholders() const;

    TicketStore &m_store;
    Directory &m_directory;
    AttachmentStore &m_attachmentStore;
    Drafts &m_drafts;
    Macros &m_macros;
    const Clock &m_clock;
    RowId m_agent;
    std::unique_ptr<AttachmentIntake> m_intake;

    RowId m_ticketId = 0;
    Ticket m_ticket;
    Visibility m_audience = Visibility::Public;
    TicketMark m_seen;
    QStringList m_pendingChanges;
    RowId m_macroId = 0;
    MacroActions m_macroActions;
    QStringList m_macroUnknown;
    bool m_loading = false;
    bool m_dirty = false;

    QButtonGroup *m_audienceGroup = nullptr;
    QToolButton *m_reply = nullptr;
    QToolButton *m_note = nullptr;
    QLabel *m_bannerIcon = nullptr;
    QLabel *m_banner = nullptr;
    QFrame *m_bannerFrame = nullptr;
    QFrame *m_collision = nullptr;
    QLabel *m_collisionText = nullptr;
    QPushButton *m_collisionAck = nullptr;
    ComposerEditor *m_editor = nullptr;
    QListView *m_attachmentList = nullptr;
    ComposerAttachmentModel *m_attachmentModel = nullptr;
    QLabel *m_notice = nullptr;
    QFrame *m_macroFrame = nullptr;
    QLabel *m_macroText = nullptr;
    QToolButton *m_macroClear = nullptr;
    QToolButton *m_attach = nullptr;
    QToolButton *m_macrosButton = nullptr;
    QMenu *m_macroMenu = nullptr;
    QLabel *m_draftState = nullptr;
    QPushButton *m_send = nullptr;
    QTimer *m_saveTimer = nullptr;
};

} // namespace hd
