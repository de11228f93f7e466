// SPDX-License-Identifier: GPL-3.0-or-later
#include "ticketlistdata.h"

#include "ui/ticketlistmodel.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QItemSelectionModel>
#include <QSignalSpy>

using hd::SortColumn;
using hd::TicketListModel;
using hd::TicketSort;

class TestTicketListModel : public QObject
{
    Q_OBJECT

    static constexpr int kTickets = 450; // four and a half pages

    std::unique_ptr<TicketListData> m_data;
    std::unique_ptr<TicketListModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;

    QList<hd::RowId> modelIds()
    {
        QList<hd::RowId> out;
        for (int row = 0; row < m_model->rowCount(); ++row)
            out << m_model->data(m_model->index(row, 0), TicketListModel::TicketIdRole)
                       .toLongLong();
        return out;
    }
    QList<hd::RowId> all(const TicketSort &sort) { return m_data->expected({}, {}, sort); }

private Q_SLOTS:
    void initTestCase()
    {
        m_data = std::make_unique<TicketListData>();
        m_data->build(kTickets);
    }

    void init()
    {
        m_model = std::make_unique<TicketListModel>(*m_data->db, m_data->clock);
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        connect(m_data->store.get(), &hd::TicketStore::changed, m_model.get(),
                &TicketListModel::ticketsChanged);
    }

    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
    }

    void scrollsAcrossPagesInListOrder()
    {
        const TicketSort byNumber{SortColumn::Number, false};
        m_model->setQuery({}, byNumber);
        QVERIFY(m_model->isCountExact());
        QCOMPARE(m_model->rowCount(), kTickets);
        QCOMPARE(m_model->columnCount(), int(TicketListModel::ColumnCount));
        QCOMPARE(modelIds(), all(byNumber));
    }

    void sortsByEveryColumn_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<bool>("descending");
        for (int c = 0; c < TicketListModel::ColumnCount; ++c) {
            const QByteArray name = TicketSort::columnName(SortColumn(c)).toLatin1();
            QTest::newRow(QByteArray(name + " ascending").constData()) << c << false;
            QTest::newRow(QByteArray(name + " descending").constData()) << c << true;
        }
    }

    void sortsByEveryColumn()
    {
        QFETCH(int, column);
        QFETCH(bool, descending);
        m_model->setQuery({}, {SortColumn::Updated, true});
        m_model->sort(column, descending ? Qt::DescendingOrder : Qt::AscendingOrder);
        QCOMPARE(m_model->ticketSort().column, SortColumn(column));
        const QList<hd::RowId> want = all({SortColumn(column), descending});
        // Far rows first (read from the end and by offset), then every row.
        QCOMPARE(m_model->idAt(kTickets - 1), 0);
        QCOMPARE(m_model->data(m_model->index(kTickets - 1, 0), TicketListModel::TicketIdRole)
                     .toLongLong(),
                 want.last());
        QCOMPARE(m_model->data(m_model->index(kTickets / 2, 3), TicketListModel::TicketIdRole)
                     .toLongLong(),
                 want[kTickets / 2]);
        QCOMPARE(modelIds(), want);
    }

    void sortKeysFollowTheOrder()
    {
        for (SortColumn c : {SortColumn::Number, SortColumn::Created, SortColumn::Priority}) {
            m_model->setQuery({}, {c, true});
            for (int row = 1; row < kTickets; ++row) {
                const QVariant a
                    = m_model->data(m_model->index(row - 1, int(c)), TicketListModel::SortKeyRole);
                const QVariant b
                    = m_model->data(m_model->index(row, int(c)), TicketListModel::SortKeyRole);
                QVERIFY2(QVariant::compare(a, b) != QPartialOrdering::Less,
                         qPrintable(QStringLiteral("row %1").arg(row)));
            }
        }
    }

    void jumpToEndShowsTheTrueLastRows()
    {
        const TicketSort sort{SortColumn::Created, false};
        m_model->setQuery({}, sort);
        const QList<hd::RowId> want = all(sort);
        QVERIFY(m_model->fetchRows(kTickets - 10, kTickets - 1));
        for (int row = kTickets - 10; row < kTickets; ++row)
            QCOMPARE(m_model->idAt(row), want[row]);
        QVERIFY(!m_model->isRowLoaded(kTickets / 2)); // read from the end, not through
    }

    void farReadsWaitForThePauseThenArrive()
    {
        m_model->setSyncSkipLimit(0); // every read not next to a known row is deferred
        const TicketSort sort{SortColumn::Number, true};
        m_model->setQuery({}, sort);
        const QList<hd::RowId> want = all(sort);
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        const QModelIndex far = m_model->index(250, 1);
        QVERIFY(!m_model->data(far, TicketListModel::LoadedRole).toBool());
        QVERIFY(m_model->data(far).isNull());
        QTRY_VERIFY(m_model->isRowLoaded(250));
        QVERIFY(!changed.isEmpty());
        const auto args = changed.last();
        QVERIFY(args.at(0).toModelIndex().row() <= 250 && args.at(1).toModelIndex().row() >= 250);
        QCOMPARE(m_model->idAt(250), want[250]);
        // Next to a loaded page a read is immediate (by keyset).
        QVERIFY(m_model->data(m_model->index(300, 0), TicketListModel::LoadedRole).toBool());
        QCOMPARE(m_model->idAt(300), want[300]);
    }

    void slowCountsGrowAsTheListIsWalked()
    {
        hd::TicketFilter inbound;
        inbound.direction = hd::Direction::Inbound; // not countable from ticket_counts
        m_model->setQuery(inbound, {});
        const QList<hd::RowId> want
            = m_data->expected(QStringLiteral("t.direction = 'inbound'"), {}, {});
        QVERIFY(want.size() > hd::TicketListCache::kPageSize);
        QVERIFY(!m_model->isCountExact());
        QCOMPARE(m_model->rowCount(), hd::TicketListCache::kPageSize);
        QSignalSpy known(m_model.get(), &TicketListModel::countKnown);
        QTRY_VERIFY(m_model->isCountExact());
        QCOMPARE(known.size(), 1);
        QCOMPARE(known.first().first().toLongLong(), want.size());
        QCOMPARE(modelIds(), want);
    }

    void updatesRowsInPlaceWhenTheirPlaceStays()
    {
        const TicketSort byNumber{SortColumn::Number, false};
        m_model->setQuery({}, byNumber);
        QVERIFY(m_model->fetchRows(0, 20));
        const hd::RowId id = m_model->idAt(5);
        const auto before = m_data->store->ticket(id)->priority;
        const auto after
            = before == hd::Priority::Urgent ? hd::Priority::Low : hd::Priority::Urgent;
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        QSignalSpy layout(m_model.get(), &QAbstractItemModel::layoutChanged);
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        QVERIFY(m_data->store->setPriority(id, after, hd::Actor::system()));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().row(), 5);
        QCOMPARE(changed.first().at(1).toModelIndex().row(), 5);
        QCOMPARE(m_model->data(m_model->index(5, TicketListModel::Priority)).toString(),
                 hd::displayName(after));
        QTest::qWait(100); // no refresh is on its way either
        QCOMPARE(layout.size(), 0);
        QCOMPARE(reset.size(), 0);
    }

    void refreshKeepsTheSelectionOnItsTickets()
    {
        const TicketSort byUpdated{SortColumn::Updated, true};
        m_model->setQuery({}, byUpdated);
        QItemSelectionModel selection(m_model.get());
        QVERIFY(m_model->fetchRows(0, kTickets - 1));
        const hd::RowId current = m_model->idAt(250);
        const hd::RowId other = m_model->idAt(260);
        const hd::RowId moving = m_model->idAt(300); // below both: it moves above them
        selection.setCurrentIndex(m_model->index(250, 0),
                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        selection.select(m_model->index(260, 0),
                         QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QSignalSpy layout(m_model.get(), &QAbstractItemModel::layoutChanged);
        m_data->clock.advanceSecs(3600);
        QVERIFY(m_data->store->setPriority(moving, hd::Priority::Urgent, hd::Actor::system()));
        QTRY_COMPARE(layout.size(), 1);
        QCOMPARE(m_model->idAt(0), moving);
        QCOMPARE(selection.currentIndex().row(), 251);
        QCOMPARE(selection.currentIndex().data(TicketListModel::TicketIdRole).toLongLong(),
                 current);
        QVERIFY(selection.isRowSelected(251));
        QVERIFY(selection.isRowSelected(261));
        QCOMPARE(m_model->index(261, 0).data(TicketListModel::TicketIdRole).toLongLong(), other);
        QCOMPARE(selection.selectedRows().size(), 2);
        QCOMPARE(modelIds(), all(byUpdated));
    }

    void ticketsLeavingOrJoiningRefreshTheList()
    {
        m_model->setQuery(hd::TicketQuery::allOpen(), {SortColumn::Number, false});
        const int open = m_model->rowCount();
        QItemSelectionModel selection(m_model.get());
        QVERIFY(m_model->fetchRows(0, 10));
        const hd::RowId leaving = m_model->idAt(3);
        selection.setCurrentIndex(m_model->index(3, 0),
                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_data->moveTo(leaving, {hd::TicketStatus::Solved});
        QTRY_COMPARE(m_model->rowCount(), open - 1);
        QVERIFY(!selection.currentIndex().isValid());
        QVERIFY(!selection.hasSelection());

        const hd::Ticket joined = m_data->ticket(QStringLiteral("새 티켓"));
        QTRY_COMPARE(m_model->rowCount(), open);
        QVERIFY(m_model->fetchRows(open - 1, open - 1));
        QCOMPARE(m_model->idAt(open - 1), joined.id); // the highest number
    }

    void findRowLooksUpRowsNotRead()
    {
        const TicketSort sort{SortColumn::Subject, false};
        m_model->setQuery({}, sort);
        const QList<hd::RowId> want = all(sort);
        QCOMPARE(m_model->rowOf(want[420]), -1);
        QCOMPARE(m_model->findRow(want[420]), 420);
        QCOMPARE(m_model->findRow(want[0]), 0);
        QCOMPARE(m_model->findRow(-5), -1);
    }

    void showsNamesDatesAndBreachedDueTimes()
    {
        m_model->setQuery({}, {SortColumn::Number, true});
        const int before = m_model->rowCount();
        const hd::Ticket t = m_data->ticket(QStringLiteral("Breach test"));
        QTRY_COMPARE(m_model->rowCount(), before + 1);
        const auto at = [&](int column, int role = Qt::DisplayRole) {
            return m_model->data(m_model->index(0, column), role);
        };
        QCOMPARE(at(0, TicketListModel::TicketIdRole).toLongLong(), t.id);
        QCOMPARE(at(TicketListModel::Number).toString(), QStringLiteral("#%1").arg(t.number));
        QCOMPARE(at(TicketListModel::Subject).toString(), QStringLiteral("Breach test"));
        QCOMPARE(at(TicketListModel::Status).toString(), hd::displayName(t.status));
        QCOMPARE(at(TicketListModel::Channel).toString(), hd::displayName(t.channel));
        QCOMPARE(at(TicketListModel::Direction).toString(), hd::displayName(t.direction));
        QCOMPARE(at(TicketListModel::Created).toString(),
                 QLocale().toString(t.createdAt.toLocalTime(), QLocale::ShortFormat));
        QVERIFY(!at(TicketListModel::SlaDue).toString().isEmpty());
        QVERIFY(!at(TicketListModel::SlaDue, Qt::ForegroundRole).isValid());
        QVERIFY(!at(TicketListModel::SlaDue, Qt::ToolTipRole).toString().isEmpty());
        m_data->clock.advanceSecs(2 * 3600); // the first response was due after an hour
        const QVariant red = at(TicketListModel::SlaDue, Qt::ForegroundRole);
        QVERIFY(red.canConvert<QBrush>());
        QCOMPARE(red.value<QBrush>().color(), QColor(0xc5, 0x22, 0x1f));
        QVERIFY(!at(TicketListModel::Subject, Qt::ForegroundRole).isValid());
        QCOMPARE(m_model->headerData(TicketListModel::SlaDue, Qt::Horizontal).toString(),
                 QStringLiteral("SLA due"));
    }

    void aFailedReadIsReportedOnceAndARefreshRecovers()
    {
        const TicketSort sort{SortColumn::Number, false};
        m_model->setQuery({}, sort);
        QSignalSpy failed(m_model.get(), &TicketListModel::loadFailed);
        m_data->db->failAfter(1);
        QVERIFY(!m_model->data(m_model->index(320, 1), TicketListModel::LoadedRole).toBool());
        QVERIFY(m_model->data(m_model->index(330, 1)).isNull());
        QTRY_COMPARE(failed.size(), 1);
        QTest::qWait(50);
        QCOMPARE(failed.size(), 1);
        m_model->refresh();
        QCOMPARE(m_model->index(320, 0).data(TicketListModel::TicketIdRole).toLongLong(),
                 all(sort)[320]);
    }

    void unsearchableTextReportsAndShowsNothing()
    {
        hd::TicketFilter f;
        f.text = QStringLiteral("!!!");
        QSignalSpy failed(m_model.get(), &TicketListModel::loadFailed);
        m_model->setQuery(f, {});
        QCOMPARE(m_model->rowCount(), 0);
        QCOMPARE(failed.size(), 1);
    }
};

QTEST_MAIN(TestTicketListModel)
#include "tst_ticketlistmodel.moc"
