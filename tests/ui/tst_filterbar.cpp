// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/filterbar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QLineEdit>
#include <QMenu>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>
#include <QToolButton>

using hd::FilterBar;
using hd::TicketFilter;

Q_DECLARE_METATYPE(hd::TicketFilter)

class TestFilterBar : public QObject
{
    Q_OBJECT

    std::unique_ptr<FilterBar> m_bar;

    template<typename T>
    T *child(const char *name)
    {
        auto *w = m_bar->findChild<T *>(QLatin1String(name));
        if (!w)
            qFatal("no %s", name);
        return w;
    }
    TicketFilter lastEmitted(const QSignalSpy &spy)
    {
        return spy.last().first().value<TicketFilter>();
    }
    QAction *option(const char *button, const char *value)
    {
        const QString name = QLatin1String(button) + QLatin1Char('_') + QLatin1String(value);
        for (QAction *a : child<QToolButton>(button)->menu()->actions())
            if (a->objectName() == name)
                return a;
        qFatal("no option %s", qPrintable(name));
    }

private Q_SLOTS:
    void init()
    {
        m_bar = std::make_unique<FilterBar>();
        hd::Agent kim;
        kim.id = 7;
        kim.name = QStringLiteral("Kim");
        hd::Team team;
        team.id = 3;
        team.name = QStringLiteral("Billing team");
        hd::Category cat;
        cat.id = 5;
        cat.name = QStringLiteral("Refunds");
        m_bar->setChoices({kim}, {team}, {cat});
        m_bar->show();
    }

    void everyControlHasItsName()
    {
        QCOMPARE(m_bar->objectName(), QStringLiteral("filterBar"));
        for (const char *name :
             {"filterText", "filterStatus", "filterPriority", "filterChannel", "filterCategory",
              "filterAssignee", "filterTeam", "filterDirection", "filterTags", "filterCreated",
              "filterCreatedFrom", "filterCreatedTo", "filterClear", "filterSave"})
            QVERIFY2(m_bar->findChild<QWidget *>(QLatin1String(name)), name);
    }

    void textAppliesAfterAPauseOrAtOnceOnEnter()
    {
        QSignalSpy changed(m_bar.get(), &FilterBar::filterChanged);
        auto *text = child<QLineEdit>("filterText");
        text->insert(QStringLiteral("환불")); // as an input method commits it
        QCOMPARE(changed.size(), 0); // still typing
        QVERIFY(changed.wait(5000));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(lastEmitted(changed).text, QStringLiteral("환불"));
        QTest::keyClicks(text, QStringLiteral(" refund"));
        QTest::keyClick(text, Qt::Key_Return);
        QCOMPARE(changed.size(), 2);
        QCOMPARE(lastEmitted(changed).text, QStringLiteral("환불 refund"));
        QTest::qWait(FilterBar::kTextDelayMs + 100);
        QCOMPARE(changed.size(), 2); // the pending pause was cancelled by Enter
        // Nothing searchable: no text condition.
        text->setText(QStringLiteral("!!! ?"));
        m_bar->applyTextNow();
        QVERIFY(lastEmitted(changed).text.isEmpty());
        QVERIFY(!text->toolTip().isEmpty());
    }

    void menusChooseSeveralValues()
    {
        QSignalSpy changed(m_bar.get(), &FilterBar::filterChanged);
        option("filterStatus", "open")->trigger();
        option("filterStatus", "pending")->trigger();
        option("filterPriority", "urgent")->trigger();
        option("filterChannel", "chat_kakao")->trigger();
        QCOMPARE(changed.size(), 4);
        const TicketFilter f = lastEmitted(changed);
        QCOMPARE(f.statuses,
                 (QList<hd::TicketStatus>{hd::TicketStatus::Open, hd::TicketStatus::Pending}));
        QCOMPARE(f.priorities, QList<hd::Priority>{hd::Priority::Urgent});
        QCOMPARE(f.channels, QList<hd::Channel>{hd::Channel::ChatKakao});
        QVERIFY(child<QToolButton>("filterStatus")->text().contains(QLatin1String("2")));
        QVERIFY(child<QToolButton>("filterPriority")->text().contains(QLatin1String("Urgent")));
        option("filterStatus", "open")->trigger();
        QCOMPARE(lastEmitted(changed).statuses, QList<hd::TicketStatus>{hd::TicketStatus::Pending});
    }

    void combosTagsAndDates()
    {
        QSignalSpy changed(m_bar.get(), &FilterBar::filterChanged);
        auto *assignee = child<QComboBox>("filterAssignee");
        assignee->setCurrentIndex(assignee->findText(QStringLiteral("Kim")));
        QCOMPARE(lastEmitted(changed).assigneeId, std::optional<qint64>(7));
        assignee->setCurrentIndex(1); // Unassigned
        QCOMPARE(lastEmitted(changed).assigneeId, std::optional<qint64>(0));
        auto *category = child<QComboBox>("filterCategory");
        category->setCurrentIndex(category->findText(QStringLiteral("Refunds")));
        QCOMPARE(lastEmitted(changed).categoryIds, QList<hd::RowId>{5});
        auto *team = child<QComboBox>("filterTeam");
        team->setCurrentIndex(team->findText(QStringLiteral("Billing team")));
        QCOMPARE(lastEmitted(changed).teamIds, QList<hd::RowId>{3});
        auto *direction = child<QComboBox>("filterDirection");
        direction->setCurrentIndex(2);
        QCOMPARE(lastEmitted(changed).direction, std::optional(hd::Direction::Outbound));

        auto *tags = child<QLineEdit>("filterTags");
        tags->setFocus();
        QTest::keyClicks(tags, QStringLiteral("VIP, follow_up"));
        QTest::keyClick(tags, Qt::Key_Return);
        QCOMPARE(lastEmitted(changed).tags,
                 (QStringList{QStringLiteral("vip"), QStringLiteral("follow_up")}));

        child<QDateEdit>("filterCreatedFrom")->setDate(QDate(2025, 3, 1));
        child<QDateEdit>("filterCreatedTo")->setDate(QDate(2025, 3, 31));
        QVERIFY(lastEmitted(changed).createdFrom.isNull()); // the range is off
        child<QCheckBox>("filterCreated")->setChecked(true);
        const TicketFilter f = lastEmitted(changed);
        QCOMPARE(f.createdFrom, QDateTime(QDate(2025, 3, 1), QTime(0, 0)).toUTC());
        QCOMPARE(f.createdTo, QDateTime(QDate(2025, 4, 1), QTime(0, 0)).toUTC()); // exclusive
        QCOMPARE(f.assigneeId, std::optional<qint64>(0));
    }

    void setFilterShowsAViewWithoutEmittingAndKeepsWhatItCannotShow()
    {
        QSignalSpy changed(m_bar.get(), &FilterBar::filterChanged);
        TicketFilter f;
        f.statuses = {hd::TicketStatus::Closed};
        f.archived = true;
        f.requesterId = 42;
        f.updatedFrom = QDateTime(QDate(2025, 1, 1), QTime(0, 0), QTimeZone::utc());
        f.assigneeId = 7;
        f.teamIds = {3};
        f.text = QStringLiteral("배송");
        f.tags = {QStringLiteral("vip")};
        f.createdFrom = QDateTime(QDate(2025, 2, 1), QTime(0, 0)).toUTC();
        f.createdTo = QDateTime(QDate(2025, 2, 11), QTime(0, 0)).toUTC();
        m_bar->setFilter(f);
        QTest::qWait(FilterBar::kTextDelayMs + 100);
        QCOMPARE(changed.size(), 0);
        const TicketFilter shown = m_bar->filter();
        QCOMPARE(shown.toJson(), f.toJson());
        QCOMPARE(child<QDateEdit>("filterCreatedTo")->date(), QDate(2025, 2, 10));
        // An agent the lists do not know still shows (e.g. "My tickets" of someone else).
        f.assigneeId = 99;
        m_bar->setFilter(f);
        QCOMPARE(m_bar->filter().assigneeId, std::optional<qint64>(99));
    }

    void clearAndSave()
    {
        TicketFilter f;
        f.statuses = {hd::TicketStatus::Open};
        f.text = QStringLiteral("refund");
        m_bar->setFilter(f);
        QSignalSpy saved(m_bar.get(), &FilterBar::saveRequested);
        child<QToolButton>("filterSave")->click();
        QCOMPARE(saved.size(), 1);
        QCOMPARE(saved.first().first().value<TicketFilter>().toJson(), f.toJson());
        QSignalSpy changed(m_bar.get(), &FilterBar::filterChanged);
        child<QToolButton>("filterClear")->click();
        QCOMPARE(changed.size(), 1);
        QCOMPARE(lastEmitted(changed).toJson(), TicketFilter{}.toJson());
        QVERIFY(child<QLineEdit>("filterText")->text().isEmpty());
    }
};

QTEST_MAIN(TestFilterBar)
#include "tst_filterbar.moc"
