// SPDX-License-Identifier: GPL-3.0-or-later
// The agent workspace in the main window: navigator, filter bar, ticket list, detail area.
#include "support/storefixture.h"

#include "core/base/language.h"
#include "core/base/settings.h"
#include "ui/filterbar.h"
#include "ui/mainwindow.h"
#include "ui/savedviewsnavigator.h"
#include "ui/ticketlistmodel.h"

#include <QAbstractButton>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>

using hd::SavedViewsNavigator;
using hd::TicketListModel;

class TestWorkspace : public QObject
{
    Q_OBJECT

    StoreFixture m_data;
    std::unique_ptr<hd::Settings> m_settings;
    hd::Language m_language;
    std::unique_ptr<hd::MainWindow> m_window;
    SavedViewsNavigator *m_nav = nullptr;
    QTableView *m_list = nullptr;
    TicketListModel *m_model = nullptr;

    qint64 count(const QString &where)
    {
        return m_data.db->scalar(QStringLiteral("SELECT count(*) FROM tickets WHERE ") + where)
            ->toLongLong();
    }
    qint64 shownCount(int item)
    {
        return m_nav->topLevelItem(item)->text(1).remove(QLatin1Char(',')).toLongLong();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_language.apply(QStringLiteral("en")));
        for (int i = 0; i < 60; ++i) {
            m_data.clock.advanceSecs(90);
            const hd::Ticket t = m_data.ticket(i % 3 ? QStringLiteral("배송 문의 %1").arg(i)
                                                     : QStringLiteral("환불 요청 %1").arg(i));
            if (i % 4 == 0) {
                QVERIFY(
                    m_data.store->transition(t.id, hd::TicketStatus::Solved, hd::Actor::system()));
                QVERIFY(
                    m_data.store->transition(t.id, hd::TicketStatus::Closed, hd::Actor::system()));
            }
        }
    }

    void init()
    {
        m_settings
            = std::make_unique<hd::Settings>(m_data.dir.filePath(QStringLiteral("workspace.ini")));
        m_window = std::make_unique<hd::MainWindow>(*m_settings, m_language, *m_data.db);
        m_window->show();
        m_nav = m_window->findChild<SavedViewsNavigator *>(QStringLiteral("navigator"));
        m_list = m_window->findChild<QTableView *>(QStringLiteral("ticketList"));
        QVERIFY(m_nav && m_list);
        m_model = qobject_cast<TicketListModel *>(m_list->model());
        QVERIFY(m_model);
        QVERIFY(m_window->ticketModel() == m_model);
    }

    void cleanup() { m_window.reset(); }

    void startsOnAllOpenWithCounts()
    {
        const qint64 open = count(QStringLiteral("status IN ('new','open','assigned','pending')"));
        QCOMPARE(m_nav->currentItem(), m_nav->topLevelItem(SavedViewsNavigator::AllOpen));
        QCOMPARE(shownCount(SavedViewsNavigator::AllOpen), open);
        QCOMPARE(shownCount(SavedViewsNavigator::Closed),
                 count(QStringLiteral("status = 'closed'")));
        QCOMPARE(m_model->rowCount(), open);
        QVERIFY(m_window->findChild<hd::FilterBar *>(QStringLiteral("filterBar")));
        QVERIFY(m_window->detailArea());
    }

    void navigatorAndFilterBarDriveTheList()
    {
        m_nav->selectBuiltIn(SavedViewsNavigator::Closed);
        QCOMPARE(m_model->rowCount(), count(QStringLiteral("status = 'closed'")));
        auto *bar = m_window->findChild<hd::FilterBar *>(QStringLiteral("filterBar"));
        QCOMPARE(bar->filter().statuses, QList<hd::TicketStatus>{hd::TicketStatus::Closed});
        auto *text = m_window->findChild<QLineEdit *>(QStringLiteral("filterText"));
        text->setText(QStringLiteral("환불"));
        bar->applyTextNow();
        QCOMPARE(m_model->filter().text, QStringLiteral("환불"));
        QCOMPARE(m_model->filter().statuses, QList<hd::TicketStatus>{hd::TicketStatus::Closed});
        QTRY_VERIFY(m_model->isCountExact());
        QCOMPARE(m_model->rowCount(),
                 count(QStringLiteral("status = 'closed' AND subject LIKE '환불%'")));
    }

    void savedViewsAreCreatedRenamedOrderedAndDeleted()
    {
        auto *text = m_window->findChild<QLineEdit *>(QStringLiteral("filterText"));
        auto *bar = m_window->findChild<hd::FilterBar *>(QStringLiteral("filterBar"));
        text->setText(QStringLiteral("배송"));
        bar->applyTextNow();
        m_list->horizontalHeader()->setSectionHidden(TicketListModel::Channel, true);
        SavedViewsNavigator::setNextName(QStringLiteral("Deliveries"));
        m_window->findChild<QAbstractButton *>(QStringLiteral("filterSave"))->click();
        QCOMPARE(m_nav->topLevelItemCount(), SavedViewsNavigator::BuiltInCount + 1);
        QTreeWidgetItem *item = m_nav->topLevelItem(SavedViewsNavigator::BuiltInCount);
        QCOMPARE(item->text(0), QStringLiteral("Deliveries"));
        QCOMPARE(m_nav->currentItem(), item);
        const SavedViewsNavigator::View v = m_nav->current();
        QCOMPARE(v.filter.text, QStringLiteral("배송"));
        QVERIFY(!v.columns.contains(hd::SortColumn::Channel));
        QVERIFY(v.columns.contains(hd::SortColumn::Subject));
        QCOMPARE(m_model->filter().text, QStringLiteral("배송"));

        // A cancelled name saves nothing.
        SavedViewsNavigator::setNextName(std::nullopt);
        bar->saveRequested(bar->filter());
        QCOMPARE(m_nav->topLevelItemCount(), SavedViewsNavigator::BuiltInCount + 1);

        // A second view, then order, rename and delete.
        m_nav->selectBuiltIn(SavedViewsNavigator::Pending);
        SavedViewsNavigator::setNextName(QStringLiteral("Waiting"));
        bar->saveRequested(bar->filter());
        QCOMPARE(m_nav->topLevelItem(SavedViewsNavigator::BuiltInCount + 1)->text(0),
                 QStringLiteral("Waiting"));
        const hd::RowId waiting = m_nav->currentSavedViewId();
        QVERIFY(m_nav->moveView(waiting, -1));
        QCOMPARE(m_nav->topLevelItem(SavedViewsNavigator::BuiltInCount)->text(0),
                 QStringLiteral("Waiting"));
        QCOMPARE(m_nav->currentSavedViewId(), waiting); // still selected
        QVERIFY(m_nav->renameView(waiting, QStringLiteral("On hold")));
        QCOMPARE(m_nav->topLevelItem(SavedViewsNavigator::BuiltInCount)->text(0),
                 QStringLiteral("On hold"));
        QVERIFY(!m_nav->renameView(waiting, QStringLiteral("   ")));
        QCOMPARE(shownCount(SavedViewsNavigator::BuiltInCount),
                 count(QStringLiteral("status = 'pending'")));
        QVERIFY(m_nav->removeView(waiting));
        QCOMPARE(m_nav->topLevelItemCount(), SavedViewsNavigator::BuiltInCount + 1);
        QCOMPARE(m_nav->currentItem(), m_nav->topLevelItem(SavedViewsNavigator::AllOpen));

        // Views outlive the window; each list keeps its own header layout.
        m_window.reset();
        init();
        QCOMPARE(m_nav->topLevelItem(SavedViewsNavigator::BuiltInCount)->text(0),
                 QStringLiteral("Deliveries"));
        m_nav->setCurrentItem(m_nav->topLevelItem(SavedViewsNavigator::BuiltInCount));
        QCOMPARE(m_model->filter().text, QStringLiteral("배송"));
        QVERIFY(m_list->horizontalHeader()->isSectionHidden(TicketListModel::Channel));
        m_nav->selectBuiltIn(SavedViewsNavigator::Closed); // its own layout
        QVERIFY(!m_list->horizontalHeader()->isSectionHidden(TicketListModel::Channel));
        m_nav->selectBuiltIn(SavedViewsNavigator::AllOpen); // hidden there before saving
        QVERIFY(m_list->horizontalHeader()->isSectionHidden(TicketListModel::Channel));
        m_list->horizontalHeader()->setSectionHidden(TicketListModel::Channel, false);

        // On another computer (no header layouts yet) the view's own columns apply.
        m_window.reset();
        m_settings.reset();
        QVERIFY(QFile::remove(m_data.dir.filePath(QStringLiteral("workspace.ini"))));
        init();
        m_nav->setCurrentItem(m_nav->topLevelItem(SavedViewsNavigator::BuiltInCount));
        QVERIFY(m_list->horizontalHeader()->isSectionHidden(TicketListModel::Channel));
        m_nav->selectBuiltIn(SavedViewsNavigator::AllOpen);
        QVERIFY(!m_list->horizontalHeader()->isSectionHidden(TicketListModel::Channel));
    }

    void selectionReportsTheCurrentTicketAndSurvivesChanges()
    {
        QSignalSpy current(m_window.get(), &hd::MainWindow::currentTicketChanged);
        m_model->sort(TicketListModel::Number, Qt::AscendingOrder);
        m_list->setCurrentIndex(m_model->index(4, 1));
        QCOMPARE(current.size(), 1);
        const hd::RowId id = m_model->idAt(4);
        QCOMPARE(current.last().first().value<hd::RowId>(), id);
        QCOMPARE(m_window->currentTicket(), id);

        // Another ticket changes place in the list (it closes): the selection stays on its ticket.
        const hd::RowId other = m_model->idAt(1);
        const qint64 open = m_model->rowCount();
        QVERIFY(m_window->ticketStore().transition(other, hd::TicketStatus::Solved,
                                                   hd::Actor::system()));
        QTRY_COMPARE(m_model->rowCount(), open - 1);
        QCOMPARE(m_list->currentIndex().row(), 3);
        QCOMPARE(m_window->currentTicket(), id);
        QCOMPARE(current.size(), 1);
        // ... and the navigator's counts follow.
        QTRY_COMPARE(shownCount(SavedViewsNavigator::AllOpen), open - 1);
        QTRY_COMPARE(shownCount(SavedViewsNavigator::Solved),
                     count(QStringLiteral("status = 'solved'")));

        QVERIFY(m_window->selectTicket(other) == false); // not in All open any more
        const hd::RowId last
            = m_model
                  ->data(m_model->index(m_model->rowCount() - 1, 0), TicketListModel::TicketIdRole)
                  .toLongLong();
        QVERIFY(m_window->selectTicket(last));
        QCOMPARE(m_window->currentTicket(), last);
    }

    void detailWidgetReplacesThePlaceholder()
    {
        auto *placeholder = m_window->findChild<QLabel *>(QStringLiteral("ticketDetail"));
        QVERIFY(placeholder && placeholder->isVisible());
        auto *detail = new QLabel(QStringLiteral("detail"));
        m_window->setDetailWidget(detail);
        QCOMPARE(detail->parentWidget(), m_window->detailArea());
        QVERIFY(detail->isVisible());
        QVERIFY(!placeholder->isVisible());
        m_window->setDetailWidget(nullptr);
        QVERIFY(placeholder->isVisible());
    }
};

QTEST_MAIN(TestWorkspace)
#include "tst_workspace.moc"
