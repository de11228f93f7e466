// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QLabel;
class QTextBrowser;
class QDialogButtonBox;

namespace hd {

/// Version, copyright and the licenses of Helpdesk and of what it is built on.
class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(QWidget *parent = nullptr);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QLabel *m_title = nullptr;
    QLabel *m_version = nullptr;
    QTextBrowser *m_licenses = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace hd
