// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/composer.h"

#include "core/base/clock.h"
#include "core/storage/ticketstore.h"
#include "ui/attachmentintake.h"
#include "ui/composerattachments.h"
#include "ui/composereditor.h"
#include "ui/ticketdetailwidgets.h"

#include <QAction>
#include <QButtonGroup>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace hd {

namespace {
QFrame *makeBar(QWidget *parent, const char *name)
{
    auto *f = new QFrame(parent);
    f->setObjectName(QString::fromLatin1(name));
    auto *l = new QHBoxLayout(f);
    l->setContentsMargins(8, 4, 8, 4);
    l->setSpacing(6);
    return f;
}
} // namespace

Composer::Composer(TicketStore &store, Directory &directory, AttachmentStore &attachments,
                   Drafts &drafts, Macros &macros, const Clock &clock, RowId currentAgent,
                   QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_directory(directory)
    , m_attachmentStore(attachments)
    , m_drafts(drafts)
    , m_macros(macros)
    , m_clock(clock)
    , m_agent(currentAgent)
    , m_intake(std::make_unique<AttachmentIntake>(attachments))
{
    setObjectName(QStringLiteral("composer"));
    setAcceptDrops(true);
    buildUi();
    m_saveTimer = new QTimer(this);
    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(kDraftDelayMs);
    connect(m_saveTimer, &QTimer::timeout, this, &Composer::saveDraft);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &Composer::contentChanged);
    connect(m_attachmentModel, &QAbstractItemModel::rowsInserted, this, &Composer::contentChanged);
    connect(m_attachmentModel, &QAbstractItemModel::rowsRemoved, this, &Composer::contentChanged);
    connect(&m_store, &TicketStore::changed, this, &Composer::ticketsChanged);
    retranslateUi();
    updateAudienceLook();
    updateEnabled();
}

Composer::~Composer()
{
    if (m_dirty || m_saveTimer->isActive())
        saveDraft();
}

void Composer::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 8);
    layout->setSpacing(6);

    auto *top = new QHBoxLayout;
    m_reply = new QToolButton(this);
    m_reply->setObjectName(QStringLiteral("composerReply"));
    m_reply->setIcon(QIcon(QStringLiteral(":/icons/globe.svg")));
    m_note = new QToolButton(this);
    m_note->setObjectName(QStringLiteral("composerNote"));
    m_note->setIcon(QIcon(QStringLiteral(":/icons/lock.svg")));
    m_audienceGroup = new QButtonGroup(this);
    m_audienceGroup->setExclusive(true);
    for (QToolButton *b : {m_reply, m_note}) {
        b->setCheckable(true);
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        b->setAutoRaise(false);
        m_audienceGroup->addButton(b);
        top->addWidget(b);
    }
    m_reply->setChecked(true);
    connect(m_reply, &QToolButton::clicked, this, [this] { setAudience(Visibility::Public); });
    connect(m_note, &QToolButton::clicked, this, [this] { setAudience(Visibility::Internal); });
    top->addStretch(1);
    m_draftState = new QLabel(this);
    m_draftState->setObjectName(QStringLiteral("composerDraftState"));
    m_draftState->setStyleSheet(QStringLiteral("color: #718096;"));
    top->addWidget(m_draftState);
    layout->addLayout(top);

    m_bannerFrame = makeBar(this, "composerBannerFrame");
    m_bannerIcon = new QLabel(m_bannerFrame);
    m_banner = new QLabel(m_bannerFrame);
    m_banner->setObjectName(QStringLiteral("composerBanner"));
    m_banner->setWordWrap(true);
    makeWrapping(m_banner);
    m_bannerFrame->layout()->addWidget(m_bannerIcon);
    static_cast<QHBoxLayout *>(m_bannerFrame->layout())->addWidget(m_banner, 1);
    layout->addWidget(m_bannerFrame);

    m_collision = makeBar(this, "composerCollision");
    m_collision->setStyleSheet(QStringLiteral(
        "QFrame#composerCollision { background: #fffaf0; border: 1px solid #dd6b20;"
        " border-radius: 4px; } QFrame#composerCollision QLabel { color: #7b341e; }"));
    auto *warnIcon = new QLabel(m_collision);
    warnIcon->setPixmap(QIcon(QStringLiteral(":/icons/warning.svg")).pixmap(18, 18));
    m_collisionText = new QLabel(m_collision);
    m_collisionText->setObjectName(QStringLiteral("composerCollisionText"));
    m_collisionText->setWordWrap(true);
    m_collisionText->setTextFormat(Qt::PlainText);
    makeWrapping(m_collisionText);
    m_collisionAck = new QPushButton(m_collision);
    m_collisionAck->setObjectName(QStringLiteral("composerCollisionAck"));
    auto *cl = static_cast<QHBoxLayout *>(m_collision->layout());
    cl->addWidget(warnIcon, 0, Qt::AlignTop);
    cl->addWidget(m_collisionText, 1);
    cl->addWidget(m_collisionAck, 0, Qt::AlignTop);
    m_collision->hide();
    connect(m_collisionAck, &QPushButton::clicked, this, &Composer::acknowledgeChanges);
    layout->addWidget(m_collision);

    m_editor = new ComposerEditor(this);
    m_editor->setMinimumHeight(90);
    connect(m_editor, &ComposerEditor::filesReceived, this, [this](const QList<QUrl> &urls) {
        QStringList paths;
        for (const QUrl &u : urls)
            paths << u.toLocalFile();
        addFiles(paths);
    });
    connect(m_editor, &ComposerEditor::imageReceived, this, &Composer::addImage);
    connect(m_editor, &ComposerEditor::longTextReceived, this, &Composer::addLongText);
    layout->addWidget(m_editor, 1);

    m_attachmentModel = new ComposerAttachmentModel(m_attachmentStore, this);
    m_attachmentList = new QListView(this);
    m_attachmentList->setObjectName(QStringLiteral("composerAttachments"));
    m_attachmentList->setModel(m_attachmentModel);
    m_attachmentList->setFlow(QListView::LeftToRight);
    m_attachmentList->setWrapping(true);
    m_attachmentList->setResizeMode(QListView::Adjust);
    m_attachmentList->setIconSize(QSize(32, 32));
    m_attachmentList->setSpacing(2);
    m_attachmentList->setMaximumHeight(84);
    m_attachmentList->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_attachmentList->hide();
    auto *preview = new QAction(m_attachmentList);
    preview->setObjectName(QStringLiteral("composerPreviewAttachment"));
    connect(preview, &QAction::triggered, this,
            [this] { previewAttachment(m_attachmentList->currentIndex()); });
    auto *remove = new QAction(m_attachmentList);
    remove->setObjectName(QStringLiteral("composerRemoveAttachment"));
    remove->setShortcut(QKeySequence::Delete);
    remove->setShortcutContext(Qt::WidgetShortcut);
    connect(remove, &QAction::triggered, this, &Composer::removeSelectedAttachment);
    m_attachmentList->addAction(preview);
    m_attachmentList->addAction(remove);
    connect(m_attachmentList, &QListView::activated, this, &Composer::previewAttachment);
    const auto showList = [this] {
        m_attachmentList->setVisible(m_attachmentModel->rowCount() > 0);
    };
    connect(m_attachmentModel, &QAbstractItemModel::rowsInserted, this, showList);
    connect(m_attachmentModel, &QAbstractItemModel::rowsRemoved, this, showList);
    layout->addWidget(m_attachmentList);

    m_macroFrame = makeBar(this, "composerMacroActions");
    m_macroFrame->setStyleSheet(QStringLiteral(
        "QFrame#composerMacroActions { background: #faf5ff; border: 1px solid #d6bcfa;"
        " border-radius: 4px; } QFrame#composerMacroActions QLabel { color: #44337a; }"));
    m_macroText = new QLabel(m_macroFrame);
    m_macroText->setObjectName(QStringLiteral("composerMacroActionsText"));
    m_macroText->setWordWrap(true);
    makeWrapping(m_macroText);
    m_macroClear = new QToolButton(m_macroFrame);
    m_macroClear->setObjectName(QStringLiteral("composerMacroActionsClear"));
    m_macroClear->setText(QStringLiteral("×"));
    connect(m_macroClear, &QToolButton::clicked, this, [this] {
        m_macroId = 0;
        m_macroActions = {};
        updateMacroActions();
        contentChanged();
    });
    static_cast<QHBoxLayout *>(m_macroFrame->layout())->addWidget(m_macroText, 1);
    m_macroFrame->layout()->addWidget(m_macroClear);
    m_macroFrame->hide();
    layout->addWidget(m_macroFrame);

    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("composerMessage"));
    m_notice->setWordWrap(true);
    m_notice->setTextFormat(Qt::PlainText);
    makeWrapping(m_notice);
    m_notice->hide();
    layout->addWidget(m_notice);

    auto *bottom = new QHBoxLayout;
    m_attach = new QToolButton(this);
    m_attach->setObjectName(QStringLiteral("composerAttach"));
    m_attach->setIcon(QIcon(QStringLiteral(":/icons/paperclip.svg")));
    m_attach->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    connect(m_attach, &QToolButton::clicked, this, &Composer::chooseFiles);
    m_macrosButton = new QToolButton(this);
    m_macrosButton->setObjectName(QStringLiteral("composerMacros"));
    m_macrosButton->setIcon(QIcon(QStringLiteral(":/icons/macro.svg")));
    m_macrosButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_macrosButton->setPopupMode(QToolButton::InstantPopup);
    m_macroMenu = new QMenu(m_macrosButton);
    m_macroMenu->setObjectName(QStringLiteral("composerMacroMenu"));
    connect(m_macroMenu, &QMenu::aboutToShow, this, &Composer::fillMacroMenu);
    m_macrosButton->setMenu(m_macroMenu);
    m_send = new QPushButton(this);
    m_send->setObjectName(QStringLiteral("composerSend"));
    m_send->setDefault(false);
    connect(m_send, &QPushButton::clicked, this, &Composer::send);
    auto *sendShortcut = new QAction(this);
    sendShortcut->setShortcut(Qt::CTRL | Qt::Key_Return);
    sendShortcut->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(sendShortcut, &QAction::triggered, this, &Composer::send);
    addAction(sendShortcut);
    bottom->addWidget(m_attach);
    bottom->addWidget(m_macrosButton);
    bottom->addStretch(1);
    bottom->addWidget(m_send);
    layout->addLayout(bottom);
}

void Composer::retranslateUi()
{
    m_reply->setText(tr("Reply"));
    m_reply->setToolTip(tr("Write to the customer"));
    m_note->setText(tr("Internal note"));
    m_note->setToolTip(tr("Write a note only colleagues can see"));
    m_collisionAck->setText(tr("Got it"));
    m_attach->setText(tr("Attach…"));
    m_attach->setToolTip(tr("Attach files (you can also drop files or paste screenshots)"));
    m_macrosButton->setText(tr("Macros"));
    const auto actions = m_attachmentList->actions();
    actions.at(0)->setText(tr("Preview"));
    actions.at(1)->setText(tr("Remove"));
    updateAudienceLook();
    updateMacroActions();
    if (!m_pendingChanges.isEmpty())
        checkCollision();
}

void Composer::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void Composer::setAudience(Visibility audience)
{
    if (audience != m_audience) {
        m_audience = audience;
        contentChanged();
    }
    updateAudienceLook();
}

void Composer::updateAudienceLook()
{
    const bool note = m_audience == Visibility::Internal;
    m_reply->setChecked(!note);
    m_note->setChecked(note);
    m_bannerIcon->setPixmap(
        QIcon(note ? QStringLiteral(":/icons/lock.svg") : QStringLiteral(":/icons/globe.svg"))
            .pixmap(18, 18));
    m_banner->setText(note ? tr("Only colleagues see this") : tr("The customer will see this"));
    m_bannerFrame->setProperty("audience",
                               note ? QStringLiteral("internal") : QStringLiteral("public"));
    m_bannerFrame->setStyleSheet(
        note ? QStringLiteral("QFrame#composerBannerFrame { background: #fff4d6; border: 1px "
                              "solid #d69e2e; border-radius: 4px; } QLabel { color: #744210;"
                              " font-weight: bold; }")
             : QStringLiteral("QFrame#composerBannerFrame { background: #ebf4ff; border: 1px "
                              "solid #3182ce; border-radius: 4px; } QLabel { color: #2a4365;"
                              " font-weight: bold; }"));
    m_editor->setStyleSheet(
        note ? QStringLiteral("QPlainTextEdit#composerEditor { border: 2px solid #d69e2e;"
                              " border-radius: 4px; background: #fffaeb; color: #1a202c; }")
             : QStringLiteral("QPlainTextEdit#composerEditor { border: 2px solid #3182ce;"
                              " border-radius: 4px; background: #ffffff; color: #1a202c; }"));
    const QString requester
        = m_ticket.requesterName.isEmpty() ? tr("the customer") : m_ticket.requesterName;
    m_editor->setPlaceholderText(note ? tr("Write an internal note for colleagues…")
                                      : tr("Write a reply to %1…").arg(requester));
    m_send->setText(note ? tr("Add note") : tr("Send reply"));
    m_send->setIcon(
        QIcon(note ? QStringLiteral(":/icons/lock.svg") : QStringLiteral(":/icons/globe.svg")));
    m_send->setToolTip(note ? tr("Add the note for colleagues (Ctrl+Enter)")
                            : tr("Send the reply to %1 (Ctrl+Enter)").arg(requester));
    m_send->setStyleSheet(
        note ? QStringLiteral("QPushButton#composerSend { background: #d69e2e; color: #1a202c;"
                              " border-radius: 4px; padding: 5px 14px; font-weight: bold; }"
                              " QPushButton#composerSend:disabled { background: #e2e8f0;"
                              " color: #a0aec0; }")
             : QStringLiteral("QPushButton#composerSend { background: #2b6cb0; color: white;"
                              " border-radius: 4px; padding: 5px 14px; font-weight: bold; }"
                              " QPushButton#composerSend:disabled { background: #e2e8f0;"
                              " color: #a0aec0; }"));
}

QString Composer::text() const
{
    return m_editor->toPlainText();
}

void Composer::setText(const QString &text)
{
    m_editor->setPlainText(text);
    m_editor->moveCursor(QTextCursor::End);
}

QList<AttachmentRef> Composer::attachments() const
{
    return m_attachmentModel->all();
}

QString Composer::notice() const
{
    return m_notice->isHidden() ? QString() : m_notice->text();
}

bool Composer::collisionShown() const
{
    return !m_collision->isHidden();
}

void Composer::showNotice(const QString &text, bool error)
{
    m_notice->setText(text);
    m_notice->setProperty("severity", error ? QStringLiteral("error") : QStringLiteral("info"));
    m_notice->setStyleSheet(error ? QStringLiteral("QLabel { color: #9b2c2c; background: #fff5f5;"
                                                   " border: 1px solid #feb2b2; border-radius:"
                                                   " 4px; padding: 4px; }")
                                  : QStringLiteral("QLabel { color: #22543d; background: #f0fff4;"
                                                   " border: 1px solid #9ae6b4; border-radius:"
                                                   " 4px; padding: 4px; }"));
    m_notice->setVisible(!text.isEmpty());
}

void Composer::clearNotice()
{
    m_notice->clear();
    m_notice->hide();
}

void Composer::updateEnabled()
{
    const bool open = m_ticketId != 0 && m_ticket.status != TicketStatus::Closed;
    for (QWidget *w : {static_cast<QWidget *>(m_editor), static_cast<QWidget *>(m_attach),
                       static_cast<QWidget *>(m_macrosButton), static_cast<QWidget *>(m_send),
                       static_cast<QWidget *>(m_reply), static_cast<QWidget *>(m_note)})
        w->setEnabled(open);
    if (m_ticketId && m_ticket.status == TicketStatus::Closed)
        showNotice(tr("This ticket is closed and takes no more messages. Create a follow-up "
                      "ticket to write to the customer again."),
                   false);
}

void Composer::contentChanged()
{
    if (m_loading || !m_ticketId)
        return;
    m_dirty = true;
    m_saveTimer->start();
}

void Composer::setTicket(RowId ticketId)
{
    if (ticketId == m_ticketId)
        return;
    if (m_dirty || m_saveTimer->isActive())
        saveDraft();
    m_ticketId = ticketId;
    m_ticket = Ticket();
    if (ticketId)
        if (auto t = m_store.ticket(ticketId))
            m_ticket = *t;
    clearNotice();
    loadDraft();
    updateAudienceLook();
    updateEnabled();
}

void Composer::ticketsChanged(const QList<RowId> &ids)
{
    if (!m_ticketId || !ids.contains(m_ticketId))
        return;
    if (auto t = m_store.ticket(m_ticketId))
        m_ticket = *t;
    updateEnabled();
    checkCollision();
}

} // namespace hd
