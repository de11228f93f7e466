// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: search text analysis and query translation on arbitrary UTF-8.
#include "core/storage/searchtext.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

[[noreturn]] void fail(const char *what, qint64 a = 0, qint64 b = 0)
{
    std::fprintf(stderr, "fuzz_searchquery: invariant violated: %s (%lld, %lld)\n", what,
                 static_cast<long long>(a), static_cast<long long>(b));
    std::abort();
}

/// Outside quoted strings ("" escapes a quote) an expression may only hold spaces, balanced
/// parentheses, a * right after a string, and AND / OR / NOT between spaces: then FTS5 cannot
/// fail on it.
bool structurallyValid(QStringView fts)
{
    int depth = 0;
    int strings = 0;
    qsizetype i = 0;
    const qsizetype n = fts.size();
    while (i < n) {
        const QChar c = fts[i];
        if (c == u'"') {
            ++i;
            for (;;) {
                if (i >= n)
                    return false; // unterminated string
                if (fts[i] == u'"') {
                    if (i + 1 < n && fts[i + 1] == u'"') {
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                ++i;
            }
            if (i < n && fts[i] == u'*')
                ++i;
            ++strings;
        } else if (c == u'(') {
            ++depth;
            ++i;
        } else if (c == u')') {
            if (--depth < 0)
                return false;
            ++i;
        } else if (c == u' ') {
            ++i;
        } else {
            bool op = false;
            for (const QStringView word :
                 {QStringView(u"AND "), QStringView(u"OR "), QStringView(u"NOT ")}) {
                if (i > 0 && fts[i - 1] == u' ' && fts.mid(i).startsWith(word)) {
                    i += word.size();
                    op = true;
                    break;
                }
            }
            if (!op)
                return false;
        }
    }
    return depth == 0 && strings > 0;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));

    const hd::SearchQuery query = hd::buildSearchQuery(text);
    if (query.empty != query.fts.isEmpty())
        fail("empty flag and expression disagree");
    if (!query.empty && !structurallyValid(query.fts))
        fail("query expression is not structurally valid FTS5", query.fts.size());

    const QString tokens = hd::searchTokens(text);
    if (tokens.startsWith(u' ') || tokens.endsWith(u' ') || tokens.contains(QLatin1String("  ")))
        fail("tokens not separated by single spaces");
    const QStringList list = hd::searchTokenList(text);
    if (list.join(u' ') != tokens)
        fail("searchTokens() and searchTokenList() disagree", list.size());
    for (const QString &t : list)
        if (t.isEmpty() || t.size() > hd::kSearchMaxTokenLength)
            fail("token empty or longer than kSearchMaxTokenLength", t.size());

    // Highlighting the text with its own query's terms: sorted, merged, in bounds.
    const QList<hd::Highlight> matches = hd::findMatches(text, query.highlightTerms);
    qsizetype end = -1;
    for (const hd::Highlight &h : matches) {
        if (h.start < 0 || h.length <= 0 || h.start + h.length > text.size())
            fail("highlight outside the text", h.start, h.length);
        if (h.start <= end)
            fail("highlights unsorted, overlapping or touching", h.start, end);
        end = h.start + h.length;
    }
    (void)hd::highlightSnippet(text, query.highlightTerms, 40);
    return 0;
}
