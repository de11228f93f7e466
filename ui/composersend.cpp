// SPDX-License-Identifier: GPL-3.0-or-later
// Composer: sending, the collision check before it, and drafts.
#include "core/base/clock.h"
#include "core/storage/drafts.h"
#include "core/storage/ticketstore.h"
#include "ui/composer.h"
#include "ui/composerattachments.h"
#include "ui/composereditor.h"

#include <QFrame>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>

namespace hd {

namespace {
std::optional<bool> g_nextCollisionAnswer;
} // namespace

void Composer::setNextCollisionAnswer(std::optional<bool> sendAnyway)
{
    g_nextCollisionAnswer = sendAnyway;
}

void Composer::checkCollision()
{
    if (!m_ticketId)
        return;
    const bool empty = text().trimmed().isEmpty() && m_attachmentModel->rowCount() == 0;
    if (empty) { // nothing written yet: whatever happened, the agent starts from here
        acknowledgeChanges();
        return;
    }
    auto changes = CollisionCheck::changesSince(m_store, m_directory, m_ticketId, m_seen, m_agent);
    m_pendingChanges = changes ? *changes : QStringList();
    if (m_pendingChanges.isEmpty()) {
        m_collision->hide();
        return;
    }
    m_collisionText->setText(tr("This ticket changed since you started writing:") + u'\n'
                             + QStringLiteral("• ")
                             + m_pendingChanges.join(QStringLiteral("\n• ")));
    m_collision->show();
}

void Composer::acknowledgeChanges()
{
    if (!m_ticketId)
        return;
    if (auto mark = CollisionCheck::mark(m_store, m_ticketId)) {
        if (!(*mark == m_seen)) {
            m_seen = *mark;
            if (!text().trimmed().isEmpty() || m_attachmentModel->rowCount() > 0)
                contentChanged(); // the draft remembers what was seen
        }
    }
    m_pendingChanges.clear();
    m_collision->hide();
}

bool Composer::confirmCollision(const QStringList &changes)
{
    if (g_nextCollisionAnswer) {
        const bool answer = *g_nextCollisionAnswer;
        g_nextCollisionAnswer.reset();
        return answer;
    }
    QMessageBox box(QMessageBox::Warning, tr("The ticket changed"),
                    tr("Ticket #%1 changed while you were writing:").arg(m_ticket.number),
                    QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("collisionWarning"));
    box.setInformativeText(
        QStringLiteral("• ") + changes.join(QStringLiteral("\n• ")) + u'\n' + u'\n'
        + (m_audience == Visibility::Public ? tr("Send your reply to the customer anyway?")
                                            : tr("Add your note anyway?")));
    QPushButton *anyway
        = box.addButton(m_audience == Visibility::Public ? tr("Send anyway") : tr("Add anyway"),
                        QMessageBox::AcceptRole);
    QPushButton *review = box.addButton(tr("Review first"), QMessageBox::RejectRole);
    box.setDefaultButton(review);
    box.exec();
    return box.clickedButton() == anyway;
}

bool Composer::send()
{
    if (!m_ticketId || !m_send->isEnabled())
        return false;
    clearNotice();
    const QString body = text();
    if (body.trimmed().isEmpty() && m_attachmentModel->rowCount() == 0) {
        showNotice(tr("Write a message or attach a file before sending."), true);
        return false;
    }
    if (const QStringList unfilled = unfilledPlaceholders(); !unfilled.isEmpty()) {
        showNotice(tr("Fill in or remove these placeholders before sending: %1")
                       .arg(unfilled.join(QStringLiteral(", "))),
                   true);
        return false;
    }
    auto changes = CollisionCheck::changesSince(m_store, m_directory, m_ticketId, m_seen, m_agent);
    if (changes && !changes->isEmpty()) {
        checkCollision();
        if (!confirmCollision(*changes)) {
            showNotice(tr("Not sent. Read what changed, then send again."), false);
            return false;
        }
        acknowledgeChanges();
    }
    NewMessage m;
    m.authorKind = AuthorKind::Agent;
    m.authorId = m_agent;
    m.visibility = m_audience;
    m.body = body;
    m.attachments = m_attachmentModel->all();
    const RowId ticket = m_ticketId;
    auto added = m_store.addMessage(ticket, m);
    if (!added) {
        showNotice(tr("Not sent: %1 Your text is kept as a draft.").arg(added.errorMessage()),
                   true);
        saveDraft();
        return false;
    }
    QString warning;
    if (!m_macroActions.isEmpty())
        if (auto r = Macros::applyActions(m_store, ticket, m_macroActions, Actor::agent(m_agent));
            !r)
            warning = tr("The message was sent, but the macro could not update the ticket: %1")
                          .arg(r.errorMessage());
    m_loading = true;
    m_editor->clear();
    m_attachmentModel->setAll({});
    m_macroId = 0;
    m_macroActions = {};
    m_macroUnknown.clear();
    m_loading = false;
    m_saveTimer->stop();
    m_dirty = false;
    if (m_agent)
        (void)m_drafts.clear(ticket, m_agent);
    m_draftState->clear();
    updateMacroActions();
    acknowledgeChanges();
    m_dirty = false; // acknowledging marks the (now empty) draft dirty
    m_saveTimer->stop();
    if (!warning.isEmpty())
        showNotice(warning, true);
    else
        showNotice(m_audience == Visibility::Public ? tr("Reply sent.") : tr("Note added."), false);
    Q_EMIT sent(ticket, added->id);
    return true;
}

void Composer::saveDraft()
{
    m_saveTimer->stop();
    if (!m_ticketId || !m_agent)
        return;
    Draft d;
    d.ticketId = m_ticketId;
    d.agentId = m_agent;
    d.visibility = m_audience;
    d.body = text();
    d.attachments = m_attachmentModel->all();
    d.seenMessageId = m_seen.lastMessageId;
    d.seenEventId = m_seen.lastEventId;
    d.macroId = m_macroId;
    if (auto r = m_drafts.save(d); !r) {
        showNotice(
            tr("The draft could not be saved: %1 Your text is still here.").arg(r.errorMessage()),
            true);
        return;
    }
    m_dirty = false;
    m_draftState->setText(d.isEmpty()
                              ? QString()
                              : tr("Draft saved %1")
                                    .arg(QLocale().toString(m_clock.now().toLocalTime().time(),
                                                            QLocale::ShortFormat)));
}

void Composer::loadDraft()
{
    m_loading = true;
    m_editor->clear();
    m_attachmentModel->setAll({});
    m_macroId = 0;
    m_macroActions = {};
    m_macroUnknown.clear();
    m_audience = Visibility::Public;
    m_seen = {};
    m_draftState->clear();
    m_collision->hide();
    m_pendingChanges.clear();
    std::optional<Draft> draft;
    if (m_ticketId && m_agent) {
        auto loaded = m_drafts.load(m_ticketId, m_agent);
        if (loaded)
            draft = *loaded;
        else
            showNotice(tr("The draft could not be read: %1").arg(loaded.errorMessage()), true);
    }
    if (draft) {
        m_audience = draft->visibility;
        m_editor->setPlainText(draft->body);
        m_editor->moveCursor(QTextCursor::End);
        m_attachmentModel->setAll(draft->attachments);
        m_seen = {draft->seenMessageId, draft->seenEventId};
        if (draft->macroId)
            if (auto macro = m_macros.macro(draft->macroId)) {
                m_macroId = draft->macroId;
                m_macroActions = macro->actions;
            }
        m_draftState->setText(
            tr("Draft from %1")
                .arg(QLocale().toString(draft->updatedAt.toLocalTime(), QLocale::ShortFormat)));
    }
    m_loading = false;
    m_dirty = false;
    updateMacroActions();
    if (m_ticketId && (m_seen == TicketMark() || !draft))
        acknowledgeChanges();
    else
        checkCollision();
    m_dirty = false; // loading is no edit
    m_saveTimer->stop();
}

} // namespace hd
