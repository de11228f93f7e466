// SPDX-License-Identifier: GPL-3.0-or-later
// Spike detection: eight weeks of seeded traffic with weekday variation raise no alert on any day;
// a burst in one category today raises exactly that alert, with its tickets.
#include "support/storefixture.h"

#include "core/reporting/rollups.h"
#include "core/reporting/spikes.h"

#include <QRandomGenerator>

using namespace hd;
using namespace hd::reporting;

namespace {
constexpr double kWeekday[7] = {1.2, 1.0, 1.0, 0.9, 0.8, 0.3, 0.2}; // Monday first
}

class TestSpikes : public QObject
{
    Q_OBJECT

    std::unique_ptr<StoreFixture> fx;
    QList<RowId> categories; ///< the first one is small (10 a weekday), the others 20
    QDate today{2025, 3, 5}; // a Wednesday
    int made = 0;

    RowId create(QDate day, RowId category, const QStringList &tags = {})
    {
        NewTicket t;
        t.subject = QStringLiteral("ticket");
        t.categoryId = category;
        t.channel = kAllChannels[std::size_t(made++ % 8)];
        t.tags = tags;
        t.createdAt = QDateTime(day, QTime(9, 0).addSecs(made % 28000), QTimeZone::utc());
        auto r = fx->store->create(t);
        if (!r)
            qFatal("%s", qPrintable(r.errorMessage()));
        return r->id;
    }

    Result<QList<SpikeAlert>> detect(QDate day)
    {
        ReportEngine engine(*fx->db, QTimeZone::utc());
        if (auto r = engine.refresh(); !r)
            return r.error();
        return SpikeDetector(*fx->db).detect(day);
    }

private Q_SLOTS:
    void init()
    {
        fx = std::make_unique<StoreFixture>();
        categories.clear();
        for (const char *name : {"Refund", "Shipping", "Login", "Billing"})
            categories << fx->directory->ensureCategory(QString::fromLatin1(name))->id;
        QRandomGenerator rng(42);
        for (QDate day = today.addDays(-56); day <= today; day = day.addDays(1)) {
            const double factor = kWeekday[day.dayOfWeek() - 1];
            for (qsizetype c = 0; c < categories.size(); ++c) {
                const double base = (c == 0 ? 10 : 20) * factor;
                // +-20% day to day
                const int n = int(base * (0.8 + 0.4 * rng.generateDouble()) + 0.5);
                for (int i = 0; i < n; ++i)
                    create(day, categories[c],
                           rng.bounded(10) == 0 ? QStringList{QStringLiteral("vip")}
                                                : QStringList{});
            }
        }
    }

    void normalTrafficRaisesNoAlert()
    {
        for (QDate day = today.addDays(-20); day <= today; day = day.addDays(1)) {
            auto alerts = detect(day);
            QVERIFY(alerts);
            QVERIFY2(alerts->isEmpty(),
                     qPrintable(day.toString(Qt::ISODate) + ": " + alerts->value(0).name));
        }
    }

    void burstInOneCategoryRaisesExactlyThatAlert()
    {
        QList<RowId> burst;
        for (int i = 0; i < 30; ++i)
            burst << create(today, categories[0]);
        auto alerts = detect(today);
        QVERIFY(alerts);
        QCOMPARE(alerts->size(), 1);
        const SpikeAlert &a = alerts->first();
        QCOMPARE(a.dimension, SpikeDimension::Category);
        QCOMPARE(a.key, QString::number(categories[0]));
        QCOMPARE(a.name, QString("Refund"));
        QCOMPARE(a.day, today);
        QVERIFY(a.count >= 30 + 8);
        QVERIFY(a.expected > 8 && a.expected < 13); // about 10 on a Wednesday
        QCOMPARE(a.ticketIds.size(), a.count);
        for (RowId id : burst)
            QVERIFY(a.ticketIds.contains(id));
        // The day before is still quiet.
        auto before = detect(today.addDays(-1));
        QVERIFY(before);
        QVERIFY(before->isEmpty());
    }

    void tagBurst()
    {
        for (int i = 0; i < 25; ++i)
            create(today, categories[1 + i % 3], {QStringLiteral("outage")});
        auto alerts = detect(today);
        QVERIFY(alerts);
        QCOMPARE(alerts->size(), 1);
        QCOMPARE(alerts->first().dimension, SpikeDimension::Tag);
        QCOMPARE(alerts->first().key, QString("outage"));
        QCOMPARE(alerts->first().count, 25);
        QCOMPARE(alerts->first().expected, 0.0);
    }
};

QTEST_GUILESS_MAIN(TestSpikes)
#include "tst_spikes.moc"
