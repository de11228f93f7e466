// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/channels/fileimport.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;

namespace hd {

/// The last page of the import dialog: what an import did, and every line that could not be read
/// with its number, reason and text (selectable, copied as tab-separated text).
class ImportSummaryPage : public QWidget
{
    Q_OBJECT
public:
    explicit ImportSummaryPage(QWidget *parent = nullptr);

    void setResult(const QString &fileName, const chat::FileImportResult &result);
    /// The problem rows as tab-separated text with a header: the selected rows, or all of them.
    [[nodiscard]] QString problemsText(bool selectedOnly) const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void fill();

    QString m_fileName;
    chat::FileImportResult m_result;
    QLabel *m_title = nullptr;
    QList<QLabel *> m_names;
    QList<QLabel *> m_values;
    QLabel *m_problemsTitle = nullptr;
    QTableWidget *m_problems = nullptr;
    QPushButton *m_copy = nullptr;
};

} // namespace hd
