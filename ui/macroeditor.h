// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain/ticket.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace hd {

class Macros;

/// Canned responses, edited by the agents who use them: a list of the shared macros and the
/// agent's own, and a form for the selected one (title, audience, shared or personal, text with
/// placeholders, and what sending it does to the ticket: status, priority, tags).
class MacroEditor : public QDialog
{
    Q_OBJECT
public:
    MacroEditor(Macros &macros, RowId agent, QWidget *parent = nullptr);

    /// Saves the form (a new macro when none is selected). False (with the message shown) on error.
    bool save();
    /// Starts a new, empty macro in the form.
    void startNew();
    /// Deletes the selected macro (no question asked: the dialog's button asks).
    bool removeSelected();
    [[nodiscard]] int macroCount() const;

private:
    void reload(RowId select = 0);
    void showMacro(RowId id);
    void showError(const QString &message);

    Macros &m_macros;
    RowId m_agent = 0;
    RowId m_editing = 0;
    QListWidget *m_list = nullptr;
    QLineEdit *m_title = nullptr;
    QComboBox *m_audience = nullptr;
    QCheckBox *m_shared = nullptr;
    QPlainTextEdit *m_body = nullptr;
    QComboBox *m_status = nullptr;
    QComboBox *m_priority = nullptr;
    QLineEdit *m_tags = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_delete = nullptr;
};

} // namespace hd
