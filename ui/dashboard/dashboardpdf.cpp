// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dashboard/dashboardpdf.h"

#include "ui/dashboard/dashboardcharts.h"
#include "ui/dashboard/dashboardformat.h"

#include <QBuffer>
#include <QChartView>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QWidget>

namespace hd {

using namespace reporting;

QString DashboardPdf::describe(const Report &r)
{
    const QLocale l;
    QString s = tr("%1 – %2").arg(l.toString(r.query.from, QLocale::ShortFormat),
                                  l.toString(r.query.to, QLocale::ShortFormat));
    const ReportFilter &f = r.query.filter;
    QStringList parts;
    if (f.channel)
        parts << displayName(*f.channel);
    if (f.priority)
        parts << displayName(*f.priority);
    if (f.direction)
        parts << displayName(*f.direction);
    if (f.teamId || f.agentId || f.categoryId)
        parts << tr("filtered by team, agent or category");
    if (!parts.isEmpty())
        s += QStringLiteral(" · ") + parts.join(QStringLiteral(", "));
    return s;
}

namespace {
constexpr int kDpi = 300;

/// Draws text in a rectangle given in points (1/72 inch) on a 300 dpi page.
QRectF pt(double x, double y, double w, double h)
{
    const double s = kDpi / 72.0;
    return QRectF(x * s, y * s, w * s, h * s);
}

void setPointSize(QPainter &p, double size, bool bold = false)
{
    QFont f = p.font();
    f.setPointSizeF(size);
    f.setBold(bold);
    p.setFont(f);
}
} // namespace

Result<void> DashboardPdf::write(const Report &report, const QList<SpikeAlert> *alerts,
                                 const QString &path, QPageSize::PageSizeId pageSize)
{
    // Lay the charts out at a fixed size off screen; rendering scales them to the page.
    // The host is "shown" (never on screen) so that resizing lays the charts out at once.
    QWidget host;
    host.setAttribute(Qt::WA_DontShowOnScreen);
    DashboardCharts charts(&host);
    charts.setReport(report);
    host.show();
    for (int i = 0; i < DashboardCharts::kChartCount; ++i)
        charts.view(DashboardCharts::Chart(i))->resize(i == 0 ? 800 : 480, i == 0 ? 336 : 320);
    QCoreApplication::sendPostedEvents();

    QByteArray pdf;
    QBuffer buffer(&pdf);
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setResolution(kDpi);
        writer.setPageSize(QPageSize(pageSize));
        writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
        writer.setTitle(tr("Helpdesk report"));
        writer.setCreator(QStringLiteral("Helpdesk"));
        QPainter p(&writer);
        const QRectF page = writer.pageLayout().paintRectPoints();
        const double width = page.width();
        const double height = page.height();
        double y = 0;
        setPointSize(p, 16, true);
        p.drawText(pt(0, y, width, 22), Qt::AlignLeft | Qt::AlignVCenter, tr("Helpdesk report"));
        y += 24;
        setPointSize(p, 10);
        p.drawText(pt(0, y, width, 14), Qt::AlignLeft | Qt::AlignVCenter, describe(report));
        y += 22;

        // Headline figures: two rows of four boxes.
        const auto tiles = dashboard::tileTexts(report);
        const double boxW = (width - 3 * 6) / 4;
        const double boxH = 58;
        for (int i = 0; i < dashboard::kTileCount; ++i) {
            const double x = (i % 4) * (boxW + 6);
            const double top = y + (i / 4) * (boxH + 6);
            p.setPen(QColor(0xc8, 0xc8, 0xc8));
            p.drawRect(pt(x, top, boxW, boxH));
            p.setPen(QColor(0x55, 0x55, 0x55));
            setPointSize(p, 7.5);
            p.drawText(pt(x + 5, top + 3, boxW - 10, 20), Qt::AlignLeft | Qt::TextWordWrap,
                       tiles[size_t(i)].title);
            p.setPen(Qt::black);
            setPointSize(p, 14, true);
            p.drawText(pt(x + 5, top + 22, boxW - 10, 18), Qt::AlignLeft | Qt::AlignVCenter,
                       tiles[size_t(i)].value);
            const dashboard::Sentiment s = tiles[size_t(i)].sentiment;
            p.setPen(s == dashboard::Sentiment::Good      ? QColor(0x1b, 0x7f, 0x3b)
                         : s == dashboard::Sentiment::Bad ? QColor(0xc0, 0x2b, 0x2b)
                                                          : QColor(0x55, 0x55, 0x55));
            setPointSize(p, 6.5);
            p.drawText(pt(x + 5, top + 41, boxW - 10, 14), Qt::AlignLeft | Qt::AlignVCenter,
                       tiles[size_t(i)].change);
        }
        y += 2 * boxH + 6 + 12;
        if (alerts) {
            p.setPen(Qt::black);
            setPointSize(p, 9, true);
            p.drawText(pt(0, y, width, 14), Qt::AlignLeft | Qt::AlignVCenter,
                       tr("Volume alerts today"));
            y += 15;
            setPointSize(p, 8);
            if (alerts->isEmpty()) {
                p.drawText(pt(0, y, width, 12), Qt::AlignLeft | Qt::AlignVCenter,
                           tr("No unusual volume today."));
                y += 13;
            }
            for (const SpikeAlert &a : *alerts) {
                p.drawText(pt(0, y, width, 12), Qt::AlignLeft | Qt::AlignVCenter,
                           tr("%1: %2 tickets (usually about %3)")
                               .arg(a.name.isEmpty() ? a.key : a.name, QLocale().toString(a.count),
                                    QLocale().toString(a.expected, 'f', 0)));
                y += 13;
            }
        }
        y += 8;
        // The trend over the full width, then the other charts two by two.
        auto draw = [&p](QChartView *v, const QRectF &target) {
            v->render(&p, target, v->rect());
        };
        const double trendH = width * 0.42;
        draw(charts.view(DashboardCharts::Chart::Trend), pt(0, y, width, trendH));
        y += trendH + 8;
        const double cellW = (width - 8) / 2;
        const double cellH = cellW * 2.0 / 3.0;
        for (int i = 1; i < DashboardCharts::kChartCount; ++i) {
            const int k = i - 1;
            if (y + cellH > height) {
                writer.newPage();
                y = 0;
            }
            draw(charts.view(DashboardCharts::Chart(i)),
                 pt((k % 2) * (cellW + 8), y, cellW, cellH));
            if (k % 2 == 1 || i == DashboardCharts::kChartCount - 1)
                y += cellH + 8;
        }
    }
    buffer.close();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(pdf) != pdf.size() || !file.commit())
        return Error{ErrorCode::Storage,
                     tr("Could not write '%1': %2").arg(path, file.errorString())};
    return {};
}

} // namespace hd
