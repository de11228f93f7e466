// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/filterbar.h"

#include "core/storage/searchtext.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QEvent>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QMenu>
#include <QMouseEvent>
#include <QToolButton>
#include <QVBoxLayout>

#include <functional>

namespace hd {

namespace {

/// A menu whose checkable entries toggle without closing it (choosing several in a row).
class StayOpenMenu : public QMenu
{
public:
    using QMenu::QMenu;

protected:
    void mouseReleaseEvent(QMouseEvent *event) override
    {
        if (QAction *a = activeAction(); a && a->isCheckable() && a->isEnabled()) {
            a->trigger();
            return;
        }
        QMenu::mouseReleaseEvent(event);
    }
};

} // namespace

/// A drop-down button with a checkable entry per value; shows how many are chosen.
class CheckMenuButton : public QToolButton
{
public:
    CheckMenuButton(const QString &name, QWidget *parent)
        : QToolButton(parent)
        , m_menu(new StayOpenMenu(this))
    {
        setObjectName(name);
        setPopupMode(QToolButton::InstantPopup);
        setToolButtonStyle(Qt::ToolButtonTextOnly);
        m_menu->setObjectName(name + QStringLiteral("Menu"));
        setMenu(m_menu);
    }
    void addOption(int value, const QString &suffix)
    {
        QAction *a = m_menu->addAction(QString());
        a->setObjectName(objectName() + QLatin1Char('_') + suffix);
        a->setCheckable(true);
        a->setData(value);
        connect(a, &QAction::toggled, this, [this] {
            updateText();
            if (!m_silent && onChanged)
                onChanged();
        });
    }
    void setOptionText(int value, const QString &text)
    {
        for (QAction *a : m_menu->actions())
            if (a->data().toInt() == value)
                a->setText(text);
        updateText();
    }
    void setTitle(const QString &title)
    {
        m_title = title;
        updateText();
    }
    QList<int> selected() const
    {
        QList<int> out;
        for (QAction *a : m_menu->actions())
            if (a->isChecked())
                out << a->data().toInt();
        return out;
    }
    void setSelected(const QList<int> &values)
    {
        m_silent = true;
        for (QAction *a : m_menu->actions())
            a->setChecked(values.contains(a->data().toInt()));
        m_silent = false;
        updateText();
    }
    std::function<void()> onChanged;

private:
    void updateText()
    {
        QStringList names;
        for (QAction *a : m_menu->actions())
            if (a->isChecked())
                names << a->text();
        if (names.isEmpty())
            setText(m_title);
        else if (names.size() == 1)
            setText(FilterBar::tr("%1: %2").arg(m_title, names.first()));
        else
            setText(FilterBar::tr("%1 (%2)").arg(m_title).arg(names.size()));
        setToolTip(names.join(QStringLiteral(", ")));
    }
    QMenu *m_menu;
    QString m_title;
    bool m_silent = false;
};

FilterBar::FilterBar(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("filterBar"));
    m_text = new QLineEdit(this);
    m_text->setObjectName(QStringLiteral("filterText"));
    m_text->setClearButtonEnabled(true);
    m_textTimer.setSingleShot(true);
    m_textTimer.setInterval(kTextDelayMs);
    connect(m_text, &QLineEdit::textChanged, this, [this] {
        updateTextState();
        if (!m_updating)
            m_textTimer.start();
    });
    connect(m_text, &QLineEdit::returnPressed, this, &FilterBar::applyTextNow);
    connect(&m_textTimer, &QTimer::timeout, this, &FilterBar::emitChanged);

    m_status = new CheckMenuButton(QStringLiteral("filterStatus"), this);
    for (TicketStatus s : kAllStatuses)
        m_status->addOption(int(s), wireName(s));
    m_priority = new CheckMenuButton(QStringLiteral("filterPriority"), this);
    for (Priority p : kAllPriorities)
        m_priority->addOption(int(p), wireName(p));
    m_channel = new CheckMenuButton(QStringLiteral("filterChannel"), this);
    for (Channel c : kAllChannels)
        m_channel->addOption(int(c), wireName(c));
    for (CheckMenuButton *b : {m_status, m_priority, m_channel})
        b->onChanged = [this] {
            emitChanged();
        };

    auto combo = [this](const char *name) {
        auto *c = new QComboBox(this);
        c->setObjectName(QLatin1String(name));
        c->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        connect(c, &QComboBox::currentIndexChanged, this, &FilterBar::emitChanged);
        return c;
    };
    m_category = combo("filterCategory");
    m_assignee = combo("filterAssignee");
    m_team = combo("filterTeam");
    m_direction = combo("filterDirection");

    m_tags = new QLineEdit(this);
    m_tags->setObjectName(QStringLiteral("filterTags"));
    m_tags->setClearButtonEnabled(true);
    connect(m_tags, &QLineEdit::editingFinished, this, [this] {
        if (m_tags->isModified()) {
            m_tags->setModified(false);
            emitChanged();
        }
    });

    m_created = new QCheckBox(this);
    m_created->setObjectName(QStringLiteral("filterCreated"));
    m_createdFrom = new QDateEdit(QDate::currentDate().addDays(-30), this);
    m_createdFrom->setObjectName(QStringLiteral("filterCreatedFrom"));
    m_createdTo = new QDateEdit(QDate::currentDate(), this);
    m_createdTo->setObjectName(QStringLiteral("filterCreatedTo"));
    for (QDateEdit *d : {m_createdFrom, m_createdTo}) {
        d->setCalendarPopup(true);
        d->setEnabled(false);
        connect(d, &QDateEdit::dateChanged, this, [this] {
            if (m_created->isChecked())
                emitChanged();
        });
    }
    connect(m_created, &QCheckBox::toggled, this, [this](bool on) {
        m_createdFrom->setEnabled(on);
        m_createdTo->setEnabled(on);
        emitChanged();
    });

    m_clear = new QToolButton(this);
    m_clear->setObjectName(QStringLiteral("filterClear"));
    connect(m_clear, &QToolButton::clicked, this, &FilterBar::clear);
    m_save = new QToolButton(this);
    m_save->setObjectName(QStringLiteral("filterSave"));
    connect(m_save, &QToolButton::clicked, this, [this] { Q_EMIT saveRequested(filter()); });

    auto *top = new QHBoxLayout;
    top->addWidget(m_text, 1);
    top->addWidget(m_clear);
    top->addWidget(m_save);
    // Two rows of filters, so that every one shows whole beside an open ticket at 1280 px.
    auto *middle = new QHBoxLayout;
    for (QWidget *w : std::initializer_list<QWidget *>{m_status, m_priority, m_channel, m_category,
                                                       m_assignee, m_team})
        middle->addWidget(w);
    middle->addStretch(1);
    auto *bottom = new QHBoxLayout;
    for (QWidget *w : std::initializer_list<QWidget *>{m_direction, m_tags, m_created,
                                                       m_createdFrom, m_createdTo})
        bottom->addWidget(w);
    bottom->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addLayout(middle);
    layout->addLayout(bottom);

    fillCombos();
    retranslateUi();
}

FilterBar::~FilterBar() = default;

void FilterBar::setChoices(const QList<Agent> &agents, const QList<Team> &teams,
                           const QList<Category> &categories)
{
    const TicketFilter current = filter();
    m_agents = agents;
    m_teams = teams;
    m_categories = categories;
    m_updating = true;
    fillCombos();
    m_updating = false;
    setFilter(current);
}

void FilterBar::fillCombos()
{
    auto fill = [](QComboBox *c, const QString &any, const auto &items) {
        const QVariant current = c->currentData();
        c->clear();
        c->addItem(any);
        for (const auto &i : items)
            c->addItem(i.name, QVariant::fromValue<qint64>(i.id));
        c->setCurrentIndex(qMax(0, c->findData(current)));
    };
    fill(m_category, tr("Any category"), m_categories);
    fill(m_team, tr("Any team"), m_teams);
    fill(m_assignee, tr("Anyone"), m_agents);
    m_assignee->insertItem(1, tr("Unassigned"), QVariant::fromValue<qint64>(0));
    const QVariant direction = m_direction->currentData();
    m_direction->clear();
    m_direction->addItem(tr("Inbound and outbound"));
    m_direction->addItem(displayName(Direction::Inbound), int(Direction::Inbound));
    m_direction->addItem(displayName(Direction::Outbound), int(Direction::Outbound));
    m_direction->setCurrentIndex(qMax(0, m_direction->findData(direction)));
}

void FilterBar::retranslateUi()
{
    m_updating = true;
    m_text->setPlaceholderText(tr("Search tickets (Korean or English)…"));
    m_status->setTitle(tr("Status"));
    for (TicketStatus s : kAllStatuses)
        m_status->setOptionText(int(s), displayName(s));
    m_priority->setTitle(tr("Priority"));
    for (Priority p : kAllPriorities)
        m_priority->setOptionText(int(p), displayName(p));
    m_channel->setTitle(tr("Channel"));
    for (Channel c : kAllChannels)
        m_channel->setOptionText(int(c), displayName(c));
    fillCombos();
    m_tags->setPlaceholderText(tr("Tags"));
    m_tags->setToolTip(tr("Tickets with all of these tags (separate them with commas)"));
    m_created->setText(tr("Created"));
    m_created->setToolTip(tr("Only tickets created between these dates"));
    m_clear->setText(tr("Clear"));
    m_clear->setToolTip(tr("Remove every condition"));
    m_save->setText(tr("Save as view…"));
    m_updating = false;
    updateTextState();
}

void FilterBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void FilterBar::updateTextState()
{
    const QString text = m_text->text().trimmed();
    const bool unsearchable = !text.isEmpty() && buildSearchQuery(text).empty;
    m_text->setToolTip(unsearchable ? tr("Nothing in '%1' can be searched for.").arg(text)
                                    : tr("Words or Korean syllables; \"quotes\" for a phrase, "
                                         "-word to exclude, OR between alternatives"));
}

void FilterBar::emitChanged()
{
    if (m_updating)
        return;
    m_textTimer.stop();
    Q_EMIT filterChanged(filter());
}

void FilterBar::applyTextNow()
{
    emitChanged();
}

TicketFilter FilterBar::filter() const
{
    TicketFilter f;
    f.archived = m_kept.archived;
    f.requesterId = m_kept.requesterId;
    f.ids = m_kept.ids;
    f.updatedFrom = m_kept.updatedFrom;
    f.updatedTo = m_kept.updatedTo;
    for (int s : m_status->selected())
        f.statuses << TicketStatus(s);
    for (int p : m_priority->selected())
        f.priorities << Priority(p);
    for (int c : m_channel->selected())
        f.channels << Channel(c);
    if (m_category->currentIndex() > 0)
        f.categoryIds << m_category->currentData().toLongLong();
    if (m_assignee->currentIndex() > 0)
        f.assigneeId = m_assignee->currentData().toLongLong();
    if (m_team->currentIndex() > 0)
        f.teamIds << m_team->currentData().toLongLong();
    if (m_direction->currentIndex() > 0)
        f.direction = Direction(m_direction->currentData().toInt());
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    for (const QString &tag : m_tags->text().split(separators, Qt::SkipEmptyParts))
        f.tags << tag.toLower();
    if (m_created->isChecked()) {
        f.createdFrom = QDateTime(m_createdFrom->date(), QTime(0, 0)).toUTC();
        f.createdTo = QDateTime(m_createdTo->date().addDays(1), QTime(0, 0)).toUTC();
    }
    const QString text = m_text->text().trimmed();
    if (!text.isEmpty() && !buildSearchQuery(text).empty)
        f.text = text;
    return f;
}

void FilterBar::setFilter(const TicketFilter &f)
{
    m_updating = true;
    m_textTimer.stop();
    m_kept = f;
    m_text->setText(f.text);
    QList<int> values;
    for (TicketStatus s : f.statuses)
        values << int(s);
    m_status->setSelected(values);
    values.clear();
    for (Priority p : f.priorities)
        values << int(p);
    m_priority->setSelected(values);
    values.clear();
    for (Channel c : f.channels)
        values << int(c);
    m_channel->setSelected(values);
    auto choose = [](QComboBox *c, const std::optional<qint64> &id, const QString &unknown) {
        if (!id) {
            c->setCurrentIndex(0);
            return;
        }
        int i = c->findData(QVariant::fromValue<qint64>(*id));
        if (i < 0) {
            c->addItem(unknown, QVariant::fromValue<qint64>(*id));
            i = c->count() - 1;
        }
        c->setCurrentIndex(i);
    };
    auto first = [](const QList<RowId> &ids) {
        return ids.isEmpty() ? std::optional<qint64>() : std::optional<qint64>(ids.first());
    };
    choose(m_category, first(f.categoryIds), tr("Category %1").arg(f.categoryIds.value(0)));
    choose(m_team, first(f.teamIds), tr("Team %1").arg(f.teamIds.value(0)));
    // "My tickets" with nobody signed in asks for agent -1: no one.
    choose(m_assignee, f.assigneeId,
           f.assigneeId.value_or(0) > 0 ? tr("Agent %1").arg(*f.assigneeId)
                                        : tr("Signed-in agent"));
    m_direction->setCurrentIndex(f.direction ? m_direction->findData(int(*f.direction)) : 0);
    m_tags->setText(f.tags.join(QStringLiteral(", ")));
    m_created->setChecked(f.createdFrom.isValid() || f.createdTo.isValid());
    m_createdFrom->setEnabled(m_created->isChecked());
    m_createdTo->setEnabled(m_created->isChecked());
    if (f.createdFrom.isValid())
        m_createdFrom->setDate(f.createdFrom.toLocalTime().date());
    if (f.createdTo.isValid())
        m_createdTo->setDate(f.createdTo.toLocalTime().addMSecs(-1).date());
    m_updating = false;
}

void FilterBar::clear()
{
    setFilter(TicketFilter{});
    emitChanged();
}

} // namespace hd
