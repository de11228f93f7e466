// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: ChannelTalk Open API v5 JSON parser on arbitrary bytes.
#include "core/channels/channeltalk.h"

#include <QSet>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

[[noreturn]] void fail(const char *what, qint64 a = 0, qint64 b = 0)
{
    std::fprintf(stderr, "fuzz_channeltalk: invariant violated: %s (%lld, %lld)\n", what,
                 static_cast<long long>(a), static_cast<long long>(b));
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto result = hd::chat::ChannelTalkParser::parse(bytes);
    if (!result) {
        if (result.errorCode() != hd::ErrorCode::InvalidArgument)
            fail("a failure other than InvalidArgument", int(result.errorCode()));
        if (result.errorMessage().isEmpty())
            fail("a failure without a message");
        return 0;
    }
    const hd::chat::ChannelTalkExport &e = *result;
    const qint64 lines = bytes.count('\n') + 1;
    QSet<QString> chatIds;
    for (const hd::chat::ChannelTalkChat &c : e.chats) {
        if (c.id.isEmpty())
            fail("a chat without an id");
        if (chatIds.contains(c.id))
            fail("a chat listed twice");
        chatIds.insert(c.id);
        if (c.messages.size() != c.senderKinds.size())
            fail("senderKinds not parallel to messages", c.messages.size(), c.senderKinds.size());
        for (qsizetype i = 0; i < c.messages.size(); ++i) {
            const hd::chat::ChatRecord &m = c.messages.at(i);
            const QString &kind = c.senderKinds.at(i);
            if (kind != u"user" && kind != u"manager" && kind != u"bot")
                fail("sender kind outside user|manager|bot", i);
            if (!m.at.isValid())
                fail("a message without a time", i);
            if (i > 0 && c.messages.at(i - 1).at > m.at)
                fail("messages not in time order", i);
            if (m.firstLine < 0 || m.lastLine != m.firstLine || m.firstLine > lines)
                fail("message line outside the input", m.firstLine, m.lastLine);
            const bool removed = m.kind == hd::chat::RecordKind::System;
            if (removed != (m.media == hd::chat::Media::Deleted))
                fail("System records must be exactly the removed messages", i);
        }
        for (const QDateTime *t : {&c.createdAt, &c.updatedAt, &c.openedAt, &c.closedAt})
            if (!t->isNull() && t->timeSpec() != Qt::UTC)
                fail("a chat time not in UTC");
    }
    for (auto it = e.people.cbegin(); it != e.people.cend(); ++it)
        if (it.key().isEmpty() || it.key() != it->id)
            fail("a person keyed by something other than its id");
    for (const hd::chat::ParseProblem &p : e.problems) {
        if (p.line < 0 || p.line > lines)
            fail("problem line outside the input", p.line, lines);
        if (p.reason.isEmpty() || p.text.size() > 200)
            fail("problem without a reason or with a text over 200", p.text.size());
    }
    return 0;
}
