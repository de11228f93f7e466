// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

/// Text analysis for full-text search of Korean and English (and other scripts), as pure
/// functions. The storage layer keeps, per document, the string from searchTokens() in an FTS5
/// column declared with `tokenize='unicode61 remove_diacritics 2'` and searches it with the
/// expression from buildSearchQuery(). No database code lives here.
///
/// Token rules (searchTokens), applied after NFKC normalisation and case folding:
/// - Hangul syllables (U+AC00..U+D7A3), Han and kana form "CJK runs". A run emits its overlapping
///   bigrams in order and then its last character alone: 결제가 -> 결제 제가 가, 안 -> 안. So every
///   character of a run starts a token, and a one-character query X is answered by `"X"*`.
/// - Other letters and digits (Latin, digits, Hangul jamo such as ㅋㅋ, Cyrillic, ...) form words,
///   split on anything that is not a letter or digit: "e-mail" -> e mail, "v2.3" -> v2 3,
///   "don't" -> don t. A combining mark after a word character belongs to the word.
/// - Everything else (spaces, punctuation, symbols, emoji, controls) separates tokens.
/// - A word longer than kSearchMaxTokenLength UTF-16 units is cut to that length (never inside a
///   surrogate pair); CJK runs of any length are tokenized fully. The output is linear in the
///   input.
///
/// When any of these rules change, bump kSearchAnalyzerVersion so the index is rebuilt.

namespace hd {

/// Version of the analysis; stored with the index, which is rebuilt when it differs.
constexpr int kSearchAnalyzerVersion = 1;
/// Longest word token, in UTF-16 units.
constexpr int kSearchMaxTokenLength = 64;
/// Most FTS5 phrases one query produces; further terms are ignored.
constexpr int kSearchMaxQueryPhrases = 64;
/// Most tokens in one FTS5 phrase; a longer quoted phrase keeps its beginning.
constexpr int kSearchMaxPhraseTokens = 64;

/// The tokens of `text`, separated by single spaces, for the FTS5 column.
[[nodiscard]] QString searchTokens(QStringView text);
/// searchTokens(text) in UTF-8, appended to *out, after a space when *out is not empty and the
/// text has tokens: appending several texts gives the tokens of each joined by single spaces.
void appendSearchTokens(QStringView text, QByteArray *out);
/// The same tokens as a list (for tests and diagnostics).
[[nodiscard]] QStringList searchTokenList(QStringView text);

/// A user's query translated to an FTS5 MATCH expression.
struct SearchQuery
{
    /// FTS5 expression; always syntactically valid. Empty when `empty` is true.
    QString fts;
    /// Normalised surface terms of the positive terms (결제가, login), for highlighting.
    QStringList highlightTerms;
    /// True when nothing searchable remains (blank, only punctuation, or only negative terms,
    /// which FTS5 cannot express alone). The caller then shows no search results.
    bool empty = true;
};

/// Translates what a user typed into an FTS5 expression with the same analysis as the text:
/// - Whitespace separates terms; terms are ANDed. A term mixing scripts or containing
///   punctuation (카톡ID, A/S문의) is split into its parts and every part must match (AND).
/// - A CJK part of one character is a prefix query ("환"*); of two or more, the phrase of its
///   bigrams ("로그 그인" for 로그인, which also finds 로그인이). A word part is a prefix query
///   ("log"* finds Login and logging).
/// - "quoted text" is one phrase: its parts must appear in order and adjacent (a final word or
///   one-character run is still a prefix). An unbalanced quote runs to the end of the query.
/// - -term or NOT term excludes; OR (upper case) between two terms matches either (OR binds
///   tighter than the implicit AND); AND (upper case) is accepted and changes nothing.
/// - Every user character reaches FTS5 inside a quoted string, so no input can cause a syntax
///   error. At most kSearchMaxQueryPhrases phrases are produced; the rest of the query is ignored.
[[nodiscard]] SearchQuery buildSearchQuery(QStringView userQuery);

/// A marked range of the original text, in UTF-16 units.
struct Highlight
{
    int start = 0;
    int length = 0;
    friend bool operator==(const Highlight &, const Highlight &) = default;
};

/// Where `terms` occur in `text` (the display text, not normalised): case-insensitive, with
/// NFKC folding (ＬＯＧＩＮ matches login) and Latin diacritics ignored (cafe matches café).
/// A term starting with a CJK character matches anywhere (결제 inside 결제가); any other term
/// matches at the start of a word ("log" in "Login", not in "catalog"). The result is sorted,
/// overlapping or touching matches are merged, and ranges never split a grapheme cluster.
[[nodiscard]] QList<Highlight> findMatches(QStringView text, const QStringList &terms);

/// An extract of at most `maxChars` UTF-16 units of `text` (all of it when `maxChars` <= 0),
/// choosing the window with the most distinct terms (the first such window), with every match
/// wrapped in `open`/`close` and "…" where the text was cut. Cuts never split a grapheme cluster
/// (so never a surrogate pair); line breaks, tabs and control characters become spaces. The text
/// is not escaped: for rich text, escape it and use findMatches() instead.
[[nodiscard]] QString highlightSnippet(QStringView text, const QStringList &terms,
                                       int maxChars = 160, QStringView open = u"[",
                                       QStringView close = u"]");

} // namespace hd
