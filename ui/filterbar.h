// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain/ticket.h"
#include "core/storage/ticketquery.h"

#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLineEdit;
class QToolButton;

namespace hd {

class CheckMenuButton;

/// Edits a TicketFilter: a full-text search (applied after a pause in typing), status,
/// priority and channel (several of each), category, assignee, team, direction, tags and a
/// created date range. Every change emits filterChanged() with the whole filter; conditions
/// the bar has no control for (archived, requester, updated range) are kept from the last
/// setFilter(). "Save as view…" emits saveRequested().
class FilterBar : public QWidget
{
    Q_OBJECT
public:
    /// Typing pause after which the text applies.
    static constexpr int kTextDelayMs = 250;

    explicit FilterBar(QWidget *parent = nullptr);
    ~FilterBar() override;

    /// The names offered in the category, assignee and team lists.
    void setChoices(const QList<Agent> &agents, const QList<Team> &teams,
                    const QList<Category> &categories);
    /// Shows a filter (a view's) without emitting filterChanged().
    void setFilter(const TicketFilter &filter);
    [[nodiscard]] TicketFilter filter() const;
    /// Empties every control the bar shows (emits filterChanged()).
    void clear();
    /// Applies the text now instead of after the typing pause.
    void applyTextNow();

Q_SIGNALS:
    void filterChanged(const hd::TicketFilter &filter);
    void saveRequested(const hd::TicketFilter &filter);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void emitChanged();
    void fillCombos();
    void updateTextState();

    QLineEdit *m_text = nullptr;
    CheckMenuButton *m_status = nullptr;
    CheckMenuButton *m_priority = nullptr;
    CheckMenuButton *m_channel = nullptr;
    QComboBox *m_category = nullptr;
    QComboBox *m_assignee = nullptr;
    QComboBox *m_team = nullptr;
    QComboBox *m_direction = nullptr;
    QLineEdit *m_tags = nullptr;
    QCheckBox *m_created = nullptr;
    QDateEdit *m_createdFrom = nullptr;
    QDateEdit *m_createdTo = nullptr;
    QToolButton *m_clear = nullptr;
    QToolButton *m_save = nullptr;
    QTimer m_textTimer;

    QList<Agent> m_agents;
    QList<Team> m_teams;
    QList<Category> m_categories;
    TicketFilter m_kept; ///< the last setFilter(): conditions without a control come from it
    bool m_updating = false;
};

} // namespace hd
