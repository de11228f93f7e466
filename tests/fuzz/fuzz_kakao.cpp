// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: KakaoTalk export parser on arbitrary bytes.
#include "core/channels/kakaoparser.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

[[noreturn]] void fail(const char *what, qint64 a = 0, qint64 b = 0)
{
    std::fprintf(stderr, "fuzz_kakao: invariant violated: %s (%lld, %lld)\n", what,
                 static_cast<long long>(a), static_cast<long long>(b));
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto result = hd::chat::KakaoParser::parse(bytes);
    if (!result) {
        if (result.errorCode() != hd::ErrorCode::InvalidArgument)
            fail("a failure other than InvalidArgument", int(result.errorCode()));
        if (result.errorMessage().isEmpty())
            fail("a failure without a message");
        return 0;
    }
    const hd::chat::ParsedChat &chat = *result;
    if (chat.totalLines < 0 || chat.headerLines < 0 || chat.headerLines > chat.totalLines)
        fail("header lines outside [0, totalLines]", chat.headerLines, chat.totalLines);

    // Every input line is in exactly one place: a record's span, a problem or the header count.
    qint64 accounted = qint64(chat.problems.size()) + chat.headerLines;
    int previousLast = 0;
    for (const hd::chat::ChatRecord &r : chat.records) {
        if (r.firstLine < 1 || r.lastLine < r.firstLine || r.lastLine > chat.totalLines)
            fail("record span outside the input", r.firstLine, r.lastLine);
        if (r.firstLine <= previousLast)
            fail("records out of file order or overlapping", previousLast, r.firstLine);
        previousLast = r.lastLine;
        accounted += qint64(r.lastLine) - r.firstLine + 1;
    }
    for (const hd::chat::ParseProblem &p : chat.problems) {
        if (p.line < 1 || p.line > chat.totalLines)
            fail("problem line outside the input", p.line, chat.totalLines);
        if (p.text.size() > 200)
            fail("problem text longer than 200", p.text.size());
    }
    if (accounted != chat.totalLines)
        fail("line accounting: records + problems + header != totalLines", accounted,
             chat.totalLines);
    return 0;
}
