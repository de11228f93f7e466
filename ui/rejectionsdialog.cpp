// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/rejectionsdialog.h"

#include "core/domain/enums.h"
#include "core/storage/database.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QEvent>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace hd {

namespace {
constexpr int kOpIdRole = Qt::UserRole;
constexpr int kTicketRole = Qt::UserRole + 1;

QString quoted(QString text)
{
    text = text.simplified();
    if (text.size() > 140)
        text = text.left(139) + QChar(0x2026);
    return QStringLiteral("“%1”").arg(text);
}

QString tagList(const QJsonObject &payload)
{
    QStringList tags;
    for (const QJsonValue &v : payload.value(QStringLiteral("tags")).toArray())
        tags << v.toString();
    return tags.join(QStringLiteral(", "));
}
} // namespace

RejectionsDialog::RejectionsDialog(Database &db, QWidget *parent)
    : QDialog(parent)
    , m_db(db)
{
    setObjectName(QStringLiteral("rejectionsDialog"));
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("rejectionsList"));
    m_list->setColumnCount(ColumnCount);
    m_list->setRootIsDecorated(false);
    m_list->setWordWrap(true);
    m_list->setAlternatingRowColors(true);
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(ChangeColumn, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(ReasonColumn, QHeaderView::Stretch);
    m_list->setColumnWidth(TicketColumn, 220);
    m_list->header()->setSectionResizeMode(WhenColumn, QHeaderView::ResizeToContents);
    // The list elides long replies and reasons; the selected row is shown whole below it.
    m_details = new QLabel(this);
    m_details->setObjectName(QStringLiteral("rejectionDetails"));
    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::RichText);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setFrameShape(QFrame::StyledPanel);
    m_details->setMargin(8);
    m_details->setMinimumHeight(m_details->fontMetrics().lineSpacing() * 4 + 16);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_open = m_buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_open->setObjectName(QStringLiteral("openTicket"));
    m_dismiss = m_buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_dismiss->setObjectName(QStringLiteral("dismiss"));
    m_dismissAll = m_buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_dismissAll->setObjectName(QStringLiteral("dismissAll"));
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_dismiss, &QPushButton::clicked, this, &RejectionsDialog::dismissSelected);
    connect(m_dismissAll, &QPushButton::clicked, this, &RejectionsDialog::dismissAll);
    connect(m_open, &QPushButton::clicked, this, [this] {
        if (QTreeWidgetItem *item = m_list->currentItem())
            if (const RowId id = item->data(TicketColumn, kTicketRole).toLongLong())
                Q_EMIT openTicket(id);
    });
    connect(m_list, &QTreeWidget::currentItemChanged, this, &RejectionsDialog::updateButtons);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_details);
    layout->addWidget(m_buttons);
    resize(960, 480);
    retranslateUi();
}

void RejectionsDialog::retranslateUi()
{
    setWindowTitle(tr("Changes the Server Refused"));
    m_intro->setText(tr("The server did not take these changes of yours, so they were undone "
                        "here; notices tell you when your change replaced a colleague's. "
                        "Dismiss a row once you have dealt with it."));
    m_list->setHeaderLabels({tr("Ticket"), tr("Your change"), tr("Server's answer"), tr("When")});
    m_open->setText(tr("&Open Ticket"));
    m_dismiss->setText(tr("&Dismiss"));
    m_dismissAll->setText(tr("Dismiss &All"));
    reload();
}

void RejectionsDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void RejectionsDialog::reload()
{
    const QString current = m_list->currentItem()
        ? m_list->currentItem()->data(TicketColumn, kOpIdRole).toString()
        : QString();
    m_list->clear();
    auto q = m_db.exec(QStringLiteral(
        "SELECT r.op_id, r.kind, r.payload, r.code, r.message, r.at, t.id, t.number, t.subject "
        "FROM sync_rejections r LEFT JOIN tickets t ON t.uuid = r.ticket_uuid "
        "WHERE r.dismissed = 0 ORDER BY r.at DESC, r.op_id"));
    if (!q) {
        QMessageBox::warning(this, windowTitle(), q.errorMessage());
        return;
    }
    while (q->next()) {
        const QString kind = q->value(1).toString();
        const QJsonObject payload = QJsonDocument::fromJson(q->value(2).toByteArray()).object();
        const QString code = q->value(3).toString();
        QString ticket;
        if (!q->value(6).isNull()) {
            const qint64 n = q->value(7).toLongLong();
            ticket = QStringLiteral("%1 %2").arg(n < 0 ? QStringLiteral("L-%1").arg(-n)
                                                       : QStringLiteral("#%1").arg(n),
                                                 q->value(8).toString());
        } else {
            ticket = tr("(not on the server)");
        }
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(TicketColumn, ticket);
        item->setText(ChangeColumn, describeChange(kind, payload));
        item->setText(ReasonColumn, describeReason(kind, code, q->value(4).toString()));
        item->setText(WhenColumn,
                      QLocale().toString(QDateTime::fromMSecsSinceEpoch(q->value(5).toLongLong()),
                                         QLocale::ShortFormat));
        for (int c = 0; c < ColumnCount; ++c)
            item->setToolTip(c, item->text(c));
        item->setData(TicketColumn, kOpIdRole, q->value(0));
        item->setData(TicketColumn, kTicketRole, q->value(6).toLongLong());
        if (code == QLatin1String("overwrote"))
            item->setIcon(ReasonColumn, style()->standardIcon(QStyle::SP_MessageBoxInformation));
        else
            item->setIcon(ReasonColumn, style()->standardIcon(QStyle::SP_MessageBoxWarning));
        if (item->data(TicketColumn, kOpIdRole).toString() == current)
            m_list->setCurrentItem(item);
    }
    if (!m_list->currentItem() && m_list->topLevelItemCount() > 0)
        m_list->setCurrentItem(m_list->topLevelItem(0));
    updateButtons();
}

void RejectionsDialog::updateButtons()
{
    QTreeWidgetItem *item = m_list->currentItem();
    m_dismiss->setEnabled(item != nullptr);
    m_open->setEnabled(item && item->data(TicketColumn, kTicketRole).toLongLong() != 0);
    m_details->setText(item ? QStringLiteral("<b>%1</b> · %2<br>%3<br>%4")
                                  .arg(item->text(TicketColumn).toHtmlEscaped(),
                                       item->text(WhenColumn).toHtmlEscaped(),
                                       item->text(ChangeColumn).toHtmlEscaped(),
                                       item->text(ReasonColumn).toHtmlEscaped())
                            : QString());
    m_dismissAll->setEnabled(m_list->topLevelItemCount() > 0);
}

void RejectionsDialog::dismissSelected()
{
    QTreeWidgetItem *item = m_list->currentItem();
    if (!item)
        return;
    const int row = m_list->indexOfTopLevelItem(item);
    auto q = m_db.exec(QStringLiteral("UPDATE sync_rejections SET dismissed = 1 WHERE op_id = ?"),
                       {item->data(TicketColumn, kOpIdRole)});
    if (!q) {
        QMessageBox::warning(this, windowTitle(), q.errorMessage());
        return;
    }
    delete item;
    if (m_list->topLevelItemCount() > 0)
        m_list->setCurrentItem(m_list->topLevelItem(qMin(row, m_list->topLevelItemCount() - 1)));
    updateButtons();
    Q_EMIT dismissed();
}

void RejectionsDialog::dismissAll()
{
    auto q = m_db.exec(QStringLiteral("UPDATE sync_rejections SET dismissed = 1 "
                                      "WHERE dismissed = 0"));
    if (!q) {
        QMessageBox::warning(this, windowTitle(), q.errorMessage());
        return;
    }
    m_list->clear();
    updateButtons();
    Q_EMIT dismissed();
}

QString RejectionsDialog::agentName(const QString &uuid) const
{
    auto n = m_db.scalar(QStringLiteral("SELECT name FROM agents WHERE uuid = ?"), {uuid});
    return n && !n->toString().isEmpty() ? n->toString() : uuid;
}

QString RejectionsDialog::fieldName(const QString &kind) const
{
    if (kind == QLatin1String("set_priority"))
        return tr("priority");
    if (kind == QLatin1String("assign"))
        return tr("assignee");
    if (kind == QLatin1String("set_subject"))
        return tr("subject");
    if (kind == QLatin1String("set_category"))
        return tr("category");
    if (kind == QLatin1String("set_team"))
        return tr("team");
    if (kind == QLatin1String("set_status"))
        return tr("status");
    return kind;
}

QString RejectionsDialog::valueText(const QString &kind, const QJsonValue &value) const
{
    const QString s = value.toString();
    if (kind == QLatin1String("set_priority"))
        if (auto p = parsePriority(s))
            return displayName(*p);
    if (kind == QLatin1String("set_status"))
        if (auto st = parseStatus(s))
            return displayName(*st);
    if (kind == QLatin1String("assign"))
        return value.isNull() || s.isEmpty() ? tr("nobody") : agentName(s);
    return s;
}

QString RejectionsDialog::describeChange(const QString &kind, const QJsonObject &p) const
{
    const auto field = [&p](const char *name) {
        return p.value(QLatin1String(name));
    };
    if (kind == QLatin1String("create_ticket"))
        return tr("New ticket %1").arg(quoted(field("subject").toString()));
    if (kind == QLatin1String("add_message"))
        return (field("visibility").toString() == QLatin1String("internal")
                    ? tr("Internal note: %1")
                    : tr("Reply: %1"))
            .arg(quoted(field("body").toString()));
    if (kind == QLatin1String("set_status"))
        return tr("Status → %1").arg(valueText(kind, field("status")));
    if (kind == QLatin1String("set_priority"))
        return tr("Priority → %1").arg(valueText(kind, field("priority")));
    if (kind == QLatin1String("assign"))
        return tr("Assignee → %1").arg(valueText(kind, field("assignee_uuid")));
    if (kind == QLatin1String("set_subject"))
        return tr("Subject → %1").arg(quoted(field("subject").toString()));
    if (kind == QLatin1String("add_tags"))
        return tr("Tags added: %1").arg(tagList(p));
    if (kind == QLatin1String("remove_tags"))
        return tr("Tags removed: %1").arg(tagList(p));
    if (kind == QLatin1String("merge"))
        return tr("Merge into another ticket");
    if (kind == QLatin1String("split"))
        return tr("Split into a new ticket");
    if (kind == QLatin1String("archive"))
        return tr("Archive");
    return tr("%1: %2").arg(
        kind, QString::fromUtf8(QJsonDocument(p).toJson(QJsonDocument::Compact)).left(140));
}

QString RejectionsDialog::describeReason(const QString &kind, const QString &code,
                                         const QString &message) const
{
    if (code == QLatin1String("overwrote")) {
        const QJsonObject o = QJsonDocument::fromJson(message.toUtf8()).object();
        const QString by = o.value(QStringLiteral("by")).toString();
        return tr("Your change of %1 replaced %2's change to %3.")
            .arg(fieldName(kind), by.isEmpty() ? tr("a colleague") : agentName(by),
                 valueText(kind, o.value(QStringLiteral("value"))));
    }
    QString why;
    if (code == QLatin1String("transition_not_allowed"))
        why = tr("Not allowed in the ticket's status on the server (closed meanwhile?)");
    else if (code == QLatin1String("merge_not_allowed"))
        why = tr("These tickets can no longer be merged");
    else if (code == QLatin1String("split_not_allowed"))
        why = tr("A message to split off moved meanwhile");
    else if (code == QLatin1String("not_found"))
        why = tr("The ticket is not on the server");
    else if (code == QLatin1String("forbidden"))
        why = tr("Your role may not do this");
    else if (code == QLatin1String("invalid"))
        why = tr("The server found the change invalid");
    else if (code == QLatin1String("too_large"))
        why = tr("Too large for the server");
    else if (code == QLatin1String("unsupported"))
        why = tr("This server does not take this kind of change yet");
    else
        why = tr("Refused");
    return message.isEmpty() ? tr("%1 (%2)").arg(why, code)
                             : tr("%1 (%2): %3").arg(why, code, message);
}

} // namespace hd
