// SPDX-License-Identifier: GPL-3.0-or-later
// An agent's day through the real main window, by objectName: open a view, filter, sort, open a
// ticket, write an internal note and a public reply, attach a file, change the status, merge two
// tickets, split one, bulk-assign with undo, and step through the list from the keyboard.
#include "support/storefixture.h"

#include "core/base/language.h"
#include "core/base/settings.h"
#include "ui/composer.h"
#include "ui/filterbar.h"
#include "ui/mainwindow.h"
#include "ui/mergesplitdialogs.h"
#include "ui/savedviewsnavigator.h"
#include "ui/ticketdetail.h"
#include "ui/ticketlistmodel.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTableView>
#include <QTimer>

using namespace hd;

class TstAgentDay : public QObject
{
    Q_OBJECT

    StoreFixture m_data;
    Agent m_me;
    Customer m_customer;
    Language m_language;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<MainWindow> m_window;
    QTableView *m_list = nullptr;
    TicketListModel *m_model = nullptr;

    template<typename T>
    T *child(const char *name)
    {
        auto *c = m_window->findChild<T *>(QLatin1String(name));
        if (!c)
            qFatal("no child %s", name);
        return c;
    }
    void trigger(const char *action) { child<QAction>(action)->trigger(); }
    RowId idAt(int row) { return m_model->idAt(row); }
    void selectRows(const QList<int> &rows)
    {
        m_list->clearSelection();
        m_list->setCurrentIndex(m_model->index(rows.first(), 0));
        for (int r : rows)
            m_list->selectionModel()->select(
                m_model->index(r, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
    /// Answers the next modal dialog of type T with fn, once it is shown by exec().
    template<typename T>
    void whenDialog(std::function<void(T *)> fn)
    {
        QTimer::singleShot(0, this, [fn] {
            for (QWidget *w : QApplication::topLevelWidgets())
                if (auto *d = qobject_cast<T *>(w); d && d->isVisible()) {
                    fn(d);
                    return;
                }
            qFatal("dialog not shown");
        });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_language.apply(QStringLiteral("en")));
        m_me = m_data.agent(QStringLiteral("Minji"));
        m_customer = m_data.customer(QStringLiteral("김영희"));
        for (int i = 0; i < 12; ++i) {
            m_data.clock.advanceSecs(600);
            m_data.ticket(i % 2 ? QStringLiteral("배송 문의 %1").arg(i)
                                : QStringLiteral("환불 요청 %1").arg(i),
                          QStringLiteral("주문 %1 관련 문의입니다").arg(i), m_customer.id);
        }
        m_settings = std::make_unique<Settings>(m_data.dir.filePath(QStringLiteral("day.ini")));
        m_window = std::make_unique<MainWindow>(*m_settings, m_language, *m_data.db);
        m_window->show();
        m_list = child<QTableView>("ticketList");
        m_model = m_window->ticketModel();
        QCOMPARE(m_window->currentAgent(), m_me.id);
    }

    void openViewFilterAndSort()
    {
        child<SavedViewsNavigator>("navigator")->selectBuiltIn(SavedViewsNavigator::AllOpen);
        QCOMPARE(m_model->rowCount(), 12);
        child<QLineEdit>("filterText")->setText(QStringLiteral("환불"));
        child<FilterBar>("filterBar")->applyTextNow();
        QTRY_VERIFY(m_model->isCountExact());
        QCOMPARE(m_model->rowCount(), 6);
        m_list->horizontalHeader()->setSortIndicator(int(SortColumn::Created), Qt::AscendingOrder);
        QTRY_COMPARE(m_model->index(0, TicketListModel::Subject).data().toString(),
                     QStringLiteral("환불 요청 0"));
        m_list->horizontalHeader()->setSortIndicator(int(SortColumn::Created), Qt::DescendingOrder);
        QTRY_COMPARE(m_model->index(0, TicketListModel::Subject).data().toString(),
                     QStringLiteral("환불 요청 10"));
    }

    void openTicketWriteNoteReplyAndAttach()
    {
        m_list->setCurrentIndex(m_model->index(0, 0));
        const RowId ticket = idAt(0);
        QCOMPARE(m_window->currentTicket(), ticket);
        TicketDetail *detail = m_window->ticketDetail();
        QVERIFY(detail);
        QTRY_COMPARE(detail->ticketId(), ticket);

        auto *editor = child<QPlainTextEdit>("composerEditor");
        trigger("actionNote"); // Ctrl+Shift+N: the composer switches to the colleagues' side
        QCOMPARE(detail->composer()->audience(), Visibility::Internal);
        editor->setPlainText(QStringLiteral("환불 규정 확인 필요 — 고객에게 보이지 않음"));
        child<QAbstractButton>("composerSend")->click();
        trigger("actionReply");
        QCOMPARE(detail->composer()->audience(), Visibility::Public);
        editor->setPlainText(QStringLiteral("안녕하세요, 환불 접수되었습니다."));
        const QString file = m_data.dir.filePath(QStringLiteral("receipt.txt"));
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("order 123, 45,000 KRW\n");
        }
        QVERIFY(detail->composer()->addFiles({file}));
        child<QAbstractButton>("composerSend")->click();

        const auto messages = *m_data.store->messages(ticket);
        QCOMPARE(messages.size(), 3);
        QCOMPARE(messages[1].visibility, Visibility::Internal);
        QVERIFY(messages[1].body.contains(QStringLiteral("환불 규정")));
        QCOMPARE(messages[2].visibility, Visibility::Public);
        QCOMPARE(messages[2].attachments.size(), 1);
        QCOMPARE(m_data.store->messages(ticket, false)->size(), 2); // what the customer sees
    }

    void changeStatusFromTheHeader()
    {
        const RowId ticket = m_window->currentTicket();
        auto *status = child<QComboBox>("statusCombo");
        // The combo offers only what the workflow allows from here; take one that keeps the
        // ticket in the open view.
        const TicketStatus now = m_data.store->ticket(ticket)->status;
        const TicketStatus to
            = now == TicketStatus::Open ? TicketStatus::Pending : TicketStatus::Open;
        const int index = status->findData(wireName(to));
        QVERIFY(index >= 0);
        QVERIFY(status->findData(wireName(TicketStatus::Closed)) < 0); // not from an open ticket
        status->setCurrentIndex(index);
        Q_EMIT status->activated(index);
        QTRY_COMPARE(m_data.store->ticket(ticket)->status, to);
    }

    void mergeTwoTickets()
    {
        selectRows({1, 2});
        const RowId a = idAt(1), b = idAt(2);
        const Ticket target = *m_data.store->ticket(idAt(3));
        whenDialog<MergeDialog>([&](MergeDialog *d) {
            d->setTarget(QString::number(target.number));
            d->accept();
        });
        trigger("actionMerge");
        QCOMPARE(m_data.store->ticket(a)->mergedInto, target.id);
        QCOMPARE(m_data.store->ticket(b)->mergedInto, target.id);
        QCOMPARE(m_data.store->messages(target.id)->size(), 3);
        QTRY_COMPARE(m_model->rowCount(), 4); // merged tickets are closed: out of "All open"
    }

    void splitOne()
    {
        const RowId ticket = m_window->currentTicket();
        const auto before = *m_data.store->messages(ticket);
        QCOMPARE(before.size(), 3);
        RowId created = 0;
        whenDialog<SplitDialog>([&](SplitDialog *d) {
            d->checkMessages({before.last().id});
            d->accept();
            created = d->createdTicket();
        });
        trigger("actionSplit");
        QVERIFY(created);
        QCOMPARE(m_data.store->ticket(created)->splitFrom, ticket);
        QCOMPARE(m_data.store->messages(ticket)->size(), 2);
        QCOMPARE(m_data.store->messages(created)->size(), 1);
    }

    void bulkAssignAndUndo()
    {
        m_list->horizontalHeader()->setSortIndicator(int(SortColumn::Number), Qt::AscendingOrder);
        QTRY_VERIFY(m_model->rowCount() >= 2);
        selectRows({0, 1});
        const QList<RowId> ids = m_window->selectedTickets();
        QCOMPARE(ids.size(), 2);
        trigger("actionAssignToMe");
        for (RowId id : ids)
            QCOMPARE(m_data.store->ticket(id)->assigneeId, m_me.id);
        auto *undo = child<QAction>("actionUndo");
        QVERIFY(undo->isEnabled());
        QVERIFY(undo->text().contains(QLatin1String("Assign 2 tickets")));
        undo->trigger();
        for (RowId id : ids)
            QVERIFY(m_data.store->ticket(id)->assigneeId != m_me.id);
    }

    void keyboardStepsThroughTheList()
    {
        m_list->setCurrentIndex(m_model->index(0, 0));
        const RowId first = m_window->currentTicket();
        trigger("actionNextTicket");
        QCOMPARE(m_window->currentTicket(), idAt(1));
        trigger("actionPreviousTicket");
        QCOMPARE(m_window->currentTicket(), first);
        trigger("actionSearch");
        QTRY_COMPARE(m_window->focusWidget(), child<QLineEdit>("filterText"));
    }

    void cleanupTestCase() { m_window.reset(); }
};

QTEST_MAIN(TstAgentDay)
#include "tst_agentday.moc"
