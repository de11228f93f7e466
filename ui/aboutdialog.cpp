// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/aboutdialog.h"

#include "core/base/version.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <QtGlobal>

namespace hd {

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    auto *layout = new QVBoxLayout(this);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("aboutTitle"));
    QFont f = m_title->font();
    f.setPointSizeF(f.pointSizeF() * 1.6);
    f.setBold(true);
    m_title->setFont(f);
    m_version = new QLabel(this);
    m_version->setObjectName(QStringLiteral("aboutVersion"));
    m_version->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_licenses = new QTextBrowser(this);
    m_licenses->setObjectName(QStringLiteral("aboutLicenses"));
    m_licenses->setOpenExternalLinks(true);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_title);
    layout->addWidget(m_version);
    layout->addWidget(m_licenses, 1);
    layout->addWidget(m_buttons);
    resize(560, 460);
    retranslateUi();
}

void AboutDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void AboutDialog::retranslateUi()
{
    setWindowTitle(tr("About Helpdesk"));
    m_title->setText(tr("Helpdesk"));
    m_version->setText(tr("Version %1, built with Qt %2, running on Qt %3")
                           .arg(QString::fromLatin1(kVersion), QStringLiteral(QT_VERSION_STR),
                                QString::fromLatin1(qVersion())));
    const QString html = QStringLiteral("<p>")
        + tr("Helpdesk is free software: you can redistribute it and/or "
             "modify it under the terms of the GNU General Public License "
             "as published by the Free Software Foundation, either version "
             "3 of the License, or (at your option) any later version.")
        + QStringLiteral("</p><h4>") + tr("Built on") + QStringLiteral("</h4><ul><li>")
        + tr("Qt 6 (Core, SQL, Network, Widgets, HTTP Server, WebSockets): GNU LGPL 3 or GPL")
        + QStringLiteral("</li><li>") + tr("Qt Charts: GNU GPL 3") + QStringLiteral("</li><li>")
        + tr("SQLite: public domain") + QStringLiteral("</li><li>")
        + tr("Noto Sans CJK fonts (when installed): SIL Open Font License 1.1")
        + QStringLiteral("</li></ul>");
    m_licenses->setHtml(html);
    if (QPushButton *close = m_buttons->button(QDialogButtonBox::Close))
        close->setText(tr("Close"));
}

} // namespace hd
