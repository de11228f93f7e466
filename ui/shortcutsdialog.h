// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QPointer>

class QAction;
class QTableWidget;

namespace hd {

/// Lists the keyboard shortcuts of the main window, in the active language. The rows come from
/// the window's actions themselves (their text and shortcuts), so the list cannot drift from
/// what the keys really do.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ShortcutsDialog(QWidget *parent = nullptr);
    /// The actions to list (those without a shortcut are left out).
    void setActions(const QList<QAction *> &actions);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    QTableWidget *m_table = nullptr;
    QList<QPointer<QAction>> m_actions;
};

} // namespace hd
