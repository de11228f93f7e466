// SPDX-License-Identifier: GPL-3.0-or-later
// Composer: what comes into the message besides typing — attachments (button, drop, paste),
// long pasted text, macros, and "make public" from an internal note.
#include "core/base/clock.h"
#include "core/storage/attachmentstore.h"
#include "core/storage/directory.h"
#include "core/storage/ticketstore.h"
#include "ui/attachmentintake.h"
#include "ui/attachmentpreview.h"
#include "ui/composer.h"
#include "ui/composerattachments.h"
#include "ui/composereditor.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMimeData>
#include <QRegularExpression>
#include <QToolButton>

namespace hd {

namespace {
std::optional<QStringList> g_nextFileChoice;

const QRegularExpression &placeholderPattern()
{
    static const QRegularExpression re(
        QStringLiteral("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s*(?:\\|[^{}]*)?\\}\\}"));
    return re;
}
} // namespace

void Composer::setNextFileChoice(std::optional<QStringList> paths)
{
    g_nextFileChoice = std::move(paths);
}

bool Composer::take(const Result<AttachmentRef> &ref)
{
    if (!ref) {
        showNotice(ref.errorMessage(), true);
        return false;
    }
    m_attachmentModel->add(*ref);
    return true;
}

bool Composer::addFiles(const QStringList &paths)
{
    if (!m_ticketId || paths.isEmpty())
        return false;
    QStringList problems;
    for (const QString &path : paths) {
        auto ref = m_intake->addFile(path);
        if (ref)
            m_attachmentModel->add(*ref);
        else
            problems << ref.errorMessage();
    }
    if (!problems.isEmpty())
        showNotice(problems.join(u'\n'), true);
    else
        clearNotice();
    return problems.isEmpty();
}

bool Composer::addImage(const QImage &image)
{
    if (!m_ticketId)
        return false;
    const QString name = AttachmentIntake::screenshotName(m_clock.now());
    if (!take(m_intake->addImage(image, name)))
        return false;
    showNotice(tr("The pasted image was attached as “%1”.").arg(name), false);
    return true;
}

bool Composer::addLongText(const QString &text)
{
    if (!m_ticketId)
        return false;
    const QByteArray bytes = text.toUtf8();
    if (bytes.size() > m_attachmentStore.maxFileBytes()) {
        showNotice(tr("The pasted text (%1) is too long for a message and larger than the "
                      "attachment limit (%2), so it was not pasted. Save it as a file and "
                      "share it another way; your message is unchanged.")
                       .arg(AttachmentIntake::formatSize(bytes.size()),
                            AttachmentIntake::formatSize(m_attachmentStore.maxFileBytes())),
                   true);
        return false;
    }
    const QString name = AttachmentIntake::pastedTextName(m_clock.now());
    if (!take(m_intake->addBytes(bytes, name)))
        return false;
    showNotice(tr("The pasted text has %L1 characters, too many for a message (at most %L2 at "
                  "once), so it was attached as “%3” instead.")
                   .arg(text.size())
                   .arg(ComposerEditor::kMaxInlinePasteChars)
                   .arg(name),
               false);
    return true;
}

void Composer::chooseFiles()
{
    QStringList paths;
    if (g_nextFileChoice) {
        paths = *g_nextFileChoice;
        g_nextFileChoice.reset();
    } else {
        paths = QFileDialog::getOpenFileNames(this, tr("Attach files"));
    }
    if (!paths.isEmpty())
        addFiles(paths);
}

void Composer::dragEnterEvent(QDragEnterEvent *event)
{
    const QMimeData *m = event->mimeData();
    if (m_ticketId && m_editor->isEnabled() && (m->hasUrls() || m->hasImage()))
        event->acceptProposedAction();
}

void Composer::dropEvent(QDropEvent *event)
{
    const QMimeData *m = event->mimeData();
    if (m->hasUrls()) {
        QStringList paths;
        for (const QUrl &u : m->urls())
            if (u.isLocalFile())
                paths << u.toLocalFile();
        addFiles(paths);
    } else if (m->hasImage()) {
        addImage(qvariant_cast<QImage>(m->imageData()));
    }
    event->acceptProposedAction();
}

void Composer::removeSelectedAttachment()
{
    const QModelIndex index = m_attachmentList->currentIndex();
    if (index.isValid())
        m_attachmentModel->removeAt(index.row());
}

void Composer::previewAttachment(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    auto *preview
        = new AttachmentPreview(m_attachmentStore, m_attachmentModel->all().at(index.row()), this);
    preview->setAttribute(Qt::WA_DeleteOnClose);
    preview->show();
}

void Composer::fillMacroMenu()
{
    m_macroMenu->clear();
    auto all = m_macros.list(m_agent);
    if (!all) {
        m_macroMenu->addAction(all.errorMessage())->setEnabled(false);
        return;
    }
    if (all->isEmpty()) {
        m_macroMenu->addAction(tr("No macros yet"))->setEnabled(false);
        return;
    }
    for (const Macro &m : *all) {
        QAction *a = m_macroMenu->addAction(m.title);
        a->setObjectName(QStringLiteral("macro-%1").arg(m.id));
        if (m.visibility == Visibility::Internal)
            a->setIcon(QIcon(QStringLiteral(":/icons/lock.svg")));
        a->setToolTip(m.body.left(300));
        const RowId id = m.id;
        connect(a, &QAction::triggered, this, [this, id] { insertMacro(id); });
    }
}

bool Composer::insertMacro(RowId macroId)
{
    if (!m_ticketId)
        return false;
    auto macro = m_macros.macro(macroId);
    if (!macro) {
        showNotice(macro.errorMessage(), true);
        return false;
    }
    Agent agent;
    if (m_agent)
        if (auto a = m_directory.agent(m_agent))
            agent = *a;
    Customer customer;
    if (m_ticket.requesterId)
        if (auto c = m_directory.customer(m_ticket.requesterId))
            customer = *c;
    const MacroExpansion e = Macros::expand(*macro, m_ticket, agent, customer);
    if (text().trimmed().isEmpty() && m_attachmentModel->rowCount() == 0)
        setAudience(macro->visibility); // a macro written as a note starts a note
    m_editor->insertPlainText(e.text);
    m_editor->setFocus();
    for (const QString &u : e.unknown)
        if (!m_macroUnknown.contains(u))
            m_macroUnknown << u;
    if (!macro->actions.isEmpty()) {
        m_macroId = macroId;
        m_macroActions = macro->actions;
        updateMacroActions();
        contentChanged();
    }
    const QStringList unfilled = unfilledPlaceholders();
    if (!unfilled.isEmpty())
        showNotice(tr("Fill in before sending: %1").arg(unfilled.join(QStringLiteral(", "))),
                   false);
    else
        clearNotice();
    return true;
}

void Composer::updateMacroActions()
{
    if (m_macroActions.isEmpty()) {
        m_macroFrame->hide();
        return;
    }
    QStringList parts;
    if (m_macroActions.status)
        parts << tr("status → %1").arg(displayName(*m_macroActions.status));
    if (m_macroActions.priority)
        parts << tr("priority → %1").arg(displayName(*m_macroActions.priority));
    if (!m_macroActions.addTags.isEmpty())
        parts << tr("add tags: %1").arg(m_macroActions.addTags.join(QStringLiteral(", ")));
    m_macroText->setText(
        tr("When sent, the macro also sets: %1").arg(parts.join(QStringLiteral("; "))));
    m_macroClear->setToolTip(tr("Do not change the ticket when sending"));
    m_macroFrame->show();
}

QStringList Composer::unfilledPlaceholders() const
{
    const QStringList known = Macros::placeholderNames();
    QStringList out;
    auto it = placeholderPattern().globalMatch(text());
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const QString name = m.captured(1).toLower();
        if ((known.contains(name) || m_macroUnknown.contains(name)) && !out.contains(m.captured(0)))
            out << m.captured(0);
    }
    return out;
}

bool Composer::startPublicUpdate(const QString &noteText)
{
    if (!m_ticketId || !m_editor->isEnabled())
        return false;
    const bool hasText = !text().trimmed().isEmpty();
    if (hasText && m_audience == Visibility::Internal) {
        showNotice(tr("Send or clear the internal note you are writing first: it would otherwise "
                      "become part of a reply the customer sees."),
                   true);
        return false;
    }
    setAudience(Visibility::Public);
    m_editor->moveCursor(QTextCursor::End);
    if (hasText)
        m_editor->insertPlainText(QStringLiteral("\n\n"));
    m_editor->insertPlainText(noteText.trimmed());
    m_editor->setFocus();
    showNotice(tr("Edit what the customer should know, then send. The internal note itself "
                  "stays internal."),
               false);
    return true;
}

} // namespace hd
