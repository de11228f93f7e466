// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QRandomGenerator>
#include <QString>
#include <QStringList>

namespace hd::seedtext {

/// A support conversation made up from phrase banks: realistic enough for search, lists and
/// reports to behave as on real data (Korean with particles attached, English, mixed).
struct Conversation
{
    QString subject;
    int topic = 0; ///< index into categories()
    QString firstMessage; ///< from the customer (inbound) or the agent (outbound)
    QStringList agentReplies; ///< public replies, in order
    QStringList customerReplies;
    QString internalNote;
    QString language; ///< "ko" or "en"
};

Conversation make(QRandomGenerator &rng, bool korean, bool outbound);

QString customerName(QRandomGenerator &rng, bool korean);
QString agentName(int index, bool korean);
/// Category names, one per topic: Korean for "ko" and mixed data, English for "en".
QStringList categories(const QString &language);

} // namespace hd::seedtext
