// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/reporting/report.h"
#include "core/reporting/spikes.h"

#include <QCoreApplication>
#include <QPageSize>

namespace hd {

/// Writes a report as a PDF: a title with the period and filters, the headline figures against
/// the previous period, today's volume alerts (optional) and every dashboard chart, laid out for
/// the page size (A4 or Letter, portrait). The charts are drawn as vectors. Needs a GUI application
/// (it lays the charts out as widgets, never shown). Written atomically.
class DashboardPdf
{
    Q_DECLARE_TR_FUNCTIONS(hd::DashboardPdf)
public:
    /// `alerts`: today's volume alerts, or nullptr to leave that section out (a past period's
    /// report, as scheduled exports write).
    static Result<void> write(const reporting::Report &report,
                              const QList<reporting::SpikeAlert> *alerts, const QString &path,
                              QPageSize::PageSizeId pageSize = QPageSize::A4);
    /// The report's period and filters in words, for titles and file names.
    static QString describe(const reporting::Report &report);
};

} // namespace hd
