// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/storage/searchtext.h"

#include <QTextBoundaryFinder>

#include <algorithm>
#include <tuple>
#include <utility>

namespace hd {

namespace {

enum class CharClass { Separator, Word, Mark, Cjk };

constexpr char32_t kProlongedSoundMark = 0x30FC; // ー, script Common but part of katakana words
constexpr qsizetype kSnapDistance = 16; // how far a snippet cut moves to reach a space
constexpr QChar kEllipsis = QChar(0x2026);

bool isHangulSyllable(char32_t cp)
{
    return cp >= 0xAC00 && cp <= 0xD7A3;
}

CharClass classify(char32_t cp)
{
    if (cp < 0x80) {
        const bool alnum = (cp >= U'a' && cp <= U'z') || (cp >= U'A' && cp <= U'Z')
            || (cp >= U'0' && cp <= U'9');
        return alnum ? CharClass::Word : CharClass::Separator;
    }
    if (isHangulSyllable(cp))
        return CharClass::Cjk;
    if (!QChar::isLetterOrNumber(cp)) {
        const QChar::Category cat = QChar::category(cp);
        const bool mark = cat == QChar::Mark_NonSpacing || cat == QChar::Mark_SpacingCombining
            || cat == QChar::Mark_Enclosing;
        return mark ? CharClass::Mark : CharClass::Separator;
    }
    const QChar::Script script = QChar::script(cp);
    if (script == QChar::Script_Han || script == QChar::Script_Hiragana
        || script == QChar::Script_Katakana || cp == kProlongedSoundMark)
        return CharClass::Cjk;
    return CharClass::Word;
}

/// The code point at `i` and its length; an unpaired surrogate is returned as itself.
char32_t codePointAt(QStringView s, qsizetype i, qsizetype *length)
{
    const QChar c = s[i];
    if (c.isHighSurrogate() && i + 1 < s.size() && s[i + 1].isLowSurrogate()) {
        *length = 2;
        return QChar::surrogateToUcs4(c, s[i + 1]);
    }
    *length = 1;
    return c.unicode();
}

/// Whether NFKC may merge `cp` with what precedes it: marks, non-starters, medial and final
/// jamo, and characters whose decomposition starts with one (compatibility jamo ㅏ -> U+1161).
bool combinesBackward(char32_t cp)
{
    for (;;) {
        if (cp < 0x80 || isHangulSyllable(cp))
            return false;
        if ((cp >= 0x1160 && cp <= 0x11FF) || (cp >= 0xD7B0 && cp <= 0xD7FF)
            || QChar::combiningClass(cp) != 0 || classify(cp) == CharClass::Mark)
            return true;
        if (QChar::decompositionTag(cp) == QChar::NoDecomposition)
            return false;
        qsizetype len = 1;
        cp = codePointAt(QChar::decomposition(cp), 0, &len);
    }
}

/// NFKC, in pieces of at least 64 units cut before characters that cannot combine backward:
/// Qt's normaliser is quadratic once it has to decompose (one full-width letter in a long Korean
/// text cost seconds per megabyte). Only thousands of consecutive marks are cut blindly.
QString normalizeKc(QStringView text)
{
    // Fast path: ASCII and precomposed Hangul syllables are unchanged by NFKC, and they are
    // nearly all of a Korean/English helpdesk's text; Qt's normalizer is slow even then.
    const bool stable = std::all_of(text.begin(), text.end(), [](QChar c) {
        const char16_t u = c.unicode();
        return u < 0x80 || (u >= 0xAC00 && u <= 0xD7A3);
    });
    if (stable)
        return text.toString();
    QString out;
    out.reserve(text.size());
    qsizetype start = 0;
    for (qsizetype i = 0, len = 1; i < text.size(); i += len) {
        const char32_t cp = codePointAt(text, i, &len);
        const qsizetype size = i - start;
        if (size >= 4096 || (size >= 64 && !combinesBackward(cp))) {
            out += text.sliced(start, size).toString().normalized(QString::NormalizationForm_KC);
            start = i;
        }
    }
    out += text.sliced(start).toString().normalized(QString::NormalizationForm_KC);
    return out;
}

QStringView truncateToken(QStringView token)
{
    if (token.size() <= kSearchMaxTokenLength)
        return token;
    qsizetype n = kSearchMaxTokenLength;
    if (token[n - 1].isHighSurrogate() && token[n].isLowSurrogate())
        --n;
    return token.first(n);
}

/// A word or a CJK run of the normalised text.
struct Part
{
    CharClass kind = CharClass::Word; // Word or Cjk
    QString text;
};

QList<Part> analyzeParts(QStringView text)
{
    const QString s = normalizeKc(text).toCaseFolded();
    QList<Part> parts;
    CharClass current = CharClass::Separator;
    qsizetype runStart = 0;
    const auto flush = [&](qsizetype end) {
        const QStringView run = QStringView(s).sliced(runStart, end - runStart);
        if (current == CharClass::Cjk)
            parts.append({CharClass::Cjk, run.toString()});
        else if (current == CharClass::Word)
            parts.append({CharClass::Word, truncateToken(run).toString()});
    };
    for (qsizetype i = 0; i < s.size();) {
        qsizetype len = 1;
        CharClass c = classify(codePointAt(s, i, &len));
        if (c == CharClass::Mark)
            c = current == CharClass::Word ? CharClass::Word : CharClass::Separator;
        if (c != current) {
            flush(i);
            current = c;
            runStart = i;
        }
        i += len;
    }
    flush(s.size());
    return parts;
}

/// Appends the bigrams of a CJK run, then its last character when `finalUnigram` is set or the
/// run has a single character. Returns the number of characters (code points) of the run.
qsizetype appendCjkTokens(QStringView run, bool finalUnigram, QStringList *tokens)
{
    QList<qsizetype> b; // code point offsets, then run.size()
    for (qsizetype i = 0, len = 1; i < run.size(); i += len) {
        b.append(i);
        codePointAt(run, i, &len);
    }
    b.append(run.size());
    const qsizetype n = b.size() - 1;
    for (qsizetype k = 0; k + 2 <= n; ++k)
        tokens->append(run.sliced(b[k], b[k + 2] - b[k]).toString());
    if (finalUnigram || n == 1)
        tokens->append(run.sliced(b[n - 1]).toString());
    return n;
}

enum class ExprKind { Atom, And, Or };

struct Expr
{
    QString text;
    ExprKind kind = ExprKind::Atom;
};

/// The FTS5 phrase for consecutive parts. Inside the phrase a run is followed by another part,
/// so in a matching document that run ends there too and has its final unigram. The last part
/// may continue in the document: a word or one-character run becomes a prefix, a longer run
/// contributes its bigrams only. Every token is quoted; a long phrase keeps its beginning.
Expr queryPhrase(const QList<Part> &parts)
{
    QStringList tokens;
    bool prefix = false;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const bool last = i + 1 == parts.size();
        if (parts[i].kind == CharClass::Word) {
            tokens.append(parts[i].text);
            prefix = last;
        } else {
            prefix = appendCjkTokens(parts[i].text, !last, &tokens) == 1 && last;
        }
    }
    if (tokens.size() > kSearchMaxPhraseTokens) {
        tokens.resize(kSearchMaxPhraseTokens);
        prefix = false;
    }
    QString body = tokens.join(QLatin1Char(' '));
    body.replace(QLatin1Char('"'), QStringLiteral("\"\"")); // tokens hold none; stay safe
    QString text = QLatin1Char('"') % body % QLatin1Char('"');
    if (prefix)
        text += QLatin1Char('*');
    return {text, ExprKind::Atom};
}

QString parenthesized(const Expr &e)
{
    return e.kind == ExprKind::Atom ? e.text
                                    : QString(QLatin1Char('(') % e.text % QLatin1Char(')'));
}

/// Joins with AND or OR; operands of the same kind are flattened, others parenthesized.
Expr combine(const QList<Expr> &items, ExprKind kind)
{
    if (items.size() == 1)
        return items.first();
    QStringList texts;
    for (const Expr &e : items)
        texts.append(e.kind == kind ? e.text : parenthesized(e));
    const QLatin1String op = kind == ExprKind::And ? QLatin1String(" AND ") : QLatin1String(" OR ");
    return {texts.join(op), kind};
}

struct QueryItem
{
    enum class Type { Text, Or, And, Not };
    Type type = Type::Text;
    QString text;
    bool phrase = false;
    bool negated = false;
};

QList<QueryItem> lexQuery(QStringView q)
{
    QList<QueryItem> items;
    const qsizetype n = q.size();
    qsizetype i = 0;
    while (i < n) {
        if (q[i].isSpace()) {
            ++i;
            continue;
        }
        bool negated = false;
        if (q[i] == QLatin1Char('-')) {
            negated = true;
            while (i < n && q[i] == QLatin1Char('-'))
                ++i;
            if (i == n || q[i].isSpace())
                continue;
        }
        if (q[i] == QLatin1Char('"')) {
            const qsizetype start = ++i;
            while (i < n && q[i] != QLatin1Char('"'))
                ++i;
            items.append(
                {QueryItem::Type::Text, q.sliced(start, i - start).toString(), true, negated});
            if (i < n)
                ++i; // the closing quote; an unbalanced phrase runs to the end
            continue;
        }
        const qsizetype start = i;
        while (i < n && !q[i].isSpace() && q[i] != QLatin1Char('"'))
            ++i;
        const QStringView word = q.sliced(start, i - start);
        using T = QueryItem::Type;
        const T type = negated ? T::Text
            : word == u"OR"    ? T::Or
            : word == u"AND"   ? T::And
            : word == u"NOT"   ? T::Not
                               : T::Text;
        items.append({type, word.toString(), false, negated});
    }
    return items;
}

} // namespace

QStringList searchTokenList(QStringView text)
{
    QStringList tokens;
    for (const Part &part : analyzeParts(text)) {
        if (part.kind == CharClass::Word)
            tokens.append(part.text);
        else
            appendCjkTokens(part.text, true, &tokens);
    }
    return tokens;
}

namespace {

/// Text that NFKC and case folding leave as it is, apart from ASCII capitals: ASCII and
/// precomposed Hangul syllables, nearly all of a Korean/English helpdesk's text.
bool isPlainText(QStringView text)
{
    return std::all_of(text.begin(), text.end(), [](QChar c) {
        const char16_t u = c.unicode();
        return u < 0x80 || isHangulSyllable(u);
    });
}

bool isAsciiWordChar(char16_t u)
{
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9');
}

/// The tokens of plain text (isPlainText) in one pass without intermediate strings: the same
/// rules as analyzeParts() and appendCjkTokens() for the characters such text can hold. Each
/// token goes to put(QStringView token, bool lowerAscii).
template<typename Put>
void plainTokens(QStringView text, Put put)
{
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        const char16_t u = text[i].unicode();
        if (isHangulSyllable(u)) {
            qsizetype end = i + 1;
            while (end < n && isHangulSyllable(text[end].unicode()))
                ++end;
            for (qsizetype k = i; k + 2 <= end; ++k)
                put(text.sliced(k, 2), false);
            put(text.sliced(end - 1, 1), false);
            i = end;
        } else if (isAsciiWordChar(u)) {
            qsizetype end = i + 1;
            while (end < n && isAsciiWordChar(text[end].unicode()))
                ++end;
            put(text.sliced(i, std::min<qsizetype>(end - i, kSearchMaxTokenLength)), true);
            i = end;
        } else {
            ++i;
        }
    }
}

} // namespace

QString searchTokens(QStringView text)
{
    if (!isPlainText(text))
        return searchTokenList(text).join(QLatin1Char(' '));
    QString out;
    out.reserve(text.size() * 2);
    plainTokens(text, [&out](QStringView token, bool lowerAscii) {
        if (!out.isEmpty())
            out += QLatin1Char(' ');
        if (!lowerAscii) {
            out += token;
            return;
        }
        for (const QChar c : token)
            out += (c >= u'A' && c <= u'Z') ? QChar(c.unicode() + 32) : c;
    });
    return out;
}

void appendSearchTokens(QStringView text, QByteArray *out)
{
    const qsizetype before = out->size();
    const bool separate = before > 0;
    if (!isPlainText(text)) {
        const QString tokens = searchTokenList(text).join(QLatin1Char(' '));
        if (tokens.isEmpty())
            return;
        if (separate)
            out->append(' ');
        out->append(tokens.toUtf8());
        return;
    }
    // Worst case: a space per unit and three bytes per Hangul bigram character.
    out->resize(before + 1 + text.size() * 7);
    char *p = out->data() + before;
    bool first = !separate;
    plainTokens(text, [&p, &first](QStringView token, bool lowerAscii) {
        if (!first)
            *p++ = ' ';
        first = false;
        for (const QChar c : token) {
            const char16_t u = c.unicode();
            if (u < 0x80) {
                *p++ = char(lowerAscii && u >= u'A' && u <= u'Z' ? u + 32 : u);
            } else {
                *p++ = char(0xE0 | (u >> 12));
                *p++ = char(0x80 | ((u >> 6) & 0x3F));
                *p++ = char(0x80 | (u & 0x3F));
            }
        }
    });
    out->resize(p - out->constData());
}

SearchQuery buildSearchQuery(QStringView userQuery)
{
    const QString normalized = normalizeKc(userQuery);
    QList<QList<Expr>> groups; // ANDed groups of ORed terms
    QList<Expr> negatives;
    QStringList highlight;
    qsizetype phrases = 0;
    bool orPending = false;
    bool notPending = false;
    bool lastWasPositive = false;
    for (const QueryItem &item : lexQuery(normalized)) {
        if (item.type == QueryItem::Type::Or) {
            orPending = lastWasPositive;
            continue;
        }
        if (item.type == QueryItem::Type::And || item.type == QueryItem::Type::Not) {
            orPending = false;
            notPending = notPending || item.type == QueryItem::Type::Not;
            continue;
        }
        const QList<Part> parts = analyzeParts(item.text);
        if (parts.isEmpty())
            continue; // nothing searchable; pending OR/NOT apply to the next term
        QList<Expr> atoms;
        if (item.phrase) {
            atoms.append(queryPhrase(parts));
        } else {
            for (const Part &part : parts)
                atoms.append(queryPhrase({part}));
        }
        atoms.resize(std::min(atoms.size(), kSearchMaxQueryPhrases - phrases));
        if (atoms.isEmpty())
            break; // the phrase budget is spent; ignore the rest
        phrases += atoms.size();
        const Expr term = combine(atoms, ExprKind::And);
        if (item.negated || notPending) {
            negatives.append(term);
            notPending = false;
            orPending = false;
            lastWasPositive = false;
            continue;
        }
        for (const Part &part : parts) {
            if (highlight.size() < kSearchMaxQueryPhrases && !highlight.contains(part.text))
                highlight.append(part.text);
        }
        if (orPending && !groups.isEmpty())
            groups.last().append(term);
        else
            groups.append({term});
        orPending = false;
        lastWasPositive = true;
    }

    SearchQuery query;
    if (groups.isEmpty())
        return query;
    QList<Expr> anded;
    for (const QList<Expr> &group : std::as_const(groups))
        anded.append(combine(group, ExprKind::Or));
    const Expr positive = combine(anded, ExprKind::And);
    query.fts = negatives.isEmpty() ? positive.text
                                    : QString(parenthesized(positive) % QLatin1String(" NOT ")
                                              % parenthesized(combine(negatives, ExprKind::Or)));
    query.highlightTerms = highlight;
    query.empty = false;
    return query;
}

namespace {

/// Folding for highlighting: NFKC, non-spacing marks dropped, Latin letters without their
/// diacritics (like unicode61's remove_diacritics), case folded.
QString foldForMatch(QStringView s)
{
    const QString nfkc = normalizeKc(s);
    QString out;
    out.reserve(nfkc.size());
    for (qsizetype i = 0; i < nfkc.size();) {
        qsizetype len = 1;
        char32_t cp = codePointAt(nfkc, i, &len);
        i += len;
        if (QChar::category(cp) == QChar::Mark_NonSpacing)
            continue;
        const bool latin = (cp >= 0xC0 && cp <= 0x24F) || (cp >= 0x1E00 && cp <= 0x1EFF);
        while (latin && QChar::decompositionTag(cp) == QChar::Canonical)
            cp = codePointAt(QChar::decomposition(cp), 0, &len); // canonical: never empty
        out += QStringView(QChar::fromUcs4(cp));
    }
    return out.toCaseFolded();
}

/// The folded text with, for each folded unit, the grapheme of the original it came from.
struct FoldedText
{
    QString text;
    QList<qsizetype> origStart;
    QList<qsizetype> origEnd;
};

FoldedText foldWithMap(QStringView text)
{
    FoldedText f;
    f.text.reserve(text.size());
    f.origStart.reserve(text.size());
    f.origEnd.reserve(text.size());
    QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, text);
    qsizetype pos = 0;
    while (pos < text.size()) {
        qsizetype next = finder.toNextBoundary();
        if (next <= pos || next > text.size())
            next = text.size();
        const QStringView chunk = text.sliced(pos, next - pos);
        const char16_t c = chunk.front().unicode();
        const bool single = chunk.size() == 1 && (c < 0x80 || isHangulSyllable(c)); // fast path
        const QString folded = single ? QString(QChar(c).toLower()) : foldForMatch(chunk);
        f.text += folded;
        f.origStart.insert(f.origStart.size(), folded.size(), pos);
        f.origEnd.insert(f.origEnd.size(), folded.size(), next);
        pos = next;
    }
    return f;
}

struct RawMatch
{
    qsizetype start = 0;
    qsizetype end = 0;
    qsizetype term = 0;
};

/// Every match of every distinct term, sorted by start, overlaps kept.
QList<RawMatch> rawMatches(QStringView text, const QStringList &terms)
{
    QStringList folded;
    for (const QString &term : terms) {
        const QString t = foldForMatch(term);
        if (!t.isEmpty() && !folded.contains(t))
            folded.append(t);
    }
    QList<RawMatch> matches;
    if (folded.isEmpty() || text.isEmpty())
        return matches;
    const FoldedText f = foldWithMap(text);
    for (qsizetype t = 0; t < folded.size(); ++t) {
        const QString &term = folded[t];
        qsizetype len = 1;
        const bool anywhere = classify(codePointAt(term, 0, &len)) != CharClass::Word;
        qsizetype from = 0;
        qsizetype p = 0;
        while ((p = f.text.indexOf(term, from)) >= 0) {
            const qsizetype back
                = p >= 2 && f.text[p - 1].isLowSurrogate() && f.text[p - 2].isHighSurrogate() ? 2
                                                                                              : 1;
            const CharClass prev
                = p == 0 ? CharClass::Separator : classify(codePointAt(f.text, p - back, &len));
            if (anywhere || (prev != CharClass::Word && prev != CharClass::Mark)) { // word start
                matches.append({f.origStart[p], f.origEnd[p + term.size() - 1], t});
                from = p + term.size();
            } else {
                from = p + 1;
            }
        }
    }
    std::sort(matches.begin(), matches.end(), [](const RawMatch &a, const RawMatch &b) {
        return a.start != b.start ? a.start < b.start : a.end < b.end;
    });
    return matches;
}

/// Merges sorted matches clipped to [from, to) into non-overlapping, non-touching ranges.
QList<Highlight> merged(const QList<RawMatch> &matches, qsizetype from, qsizetype to)
{
    QList<Highlight> out;
    qsizetype end = -1;
    for (const RawMatch &m : matches) {
        const qsizetype s = std::max(m.start, from);
        const qsizetype e = std::min(m.end, to);
        if (s >= e)
            continue;
        if (!out.isEmpty() && s <= end) {
            end = std::max(end, e);
            out.last().length = int(end - out.last().start);
        } else {
            out.append({int(s), int(e - s)});
            end = e;
        }
    }
    return out;
}

bool splitsSurrogatePair(QStringView text, qsizetype pos)
{
    return pos > 0 && pos < text.size() && text[pos - 1].isHighSurrogate()
        && text[pos].isLowSurrogate();
}

void appendDisplay(QString *out, QStringView piece)
{
    for (const QChar c : piece)
        *out += (c.isSpace() || c.category() == QChar::Other_Control) ? QChar(u' ') : c;
}

} // namespace

QList<Highlight> findMatches(QStringView text, const QStringList &terms)
{
    return merged(rawMatches(text, terms), 0, text.size());
}

QString highlightSnippet(QStringView text, const QStringList &terms, int maxChars, QStringView open,
                         QStringView close)
{
    const QList<RawMatch> matches = rawMatches(text, terms);
    const qsizetype n = text.size();
    qsizetype ws = 0;
    qsizetype we = n;
    if (maxChars > 0 && n > maxChars) {
        const qsizetype lead = maxChars / 5;
        const auto windowFor = [&](qsizetype anchor) {
            const qsizetype start = std::min(std::max<qsizetype>(0, anchor - lead), n - maxChars);
            return std::pair<qsizetype, qsizetype>(start, start + maxChars);
        };
        // Windows anchored at each match; both ends only move right, so two pointers suffice.
        qsizetype bestAnchor = -1;
        qsizetype bestDistinct = 0;
        QList<qsizetype> counts(terms.size() + 1, 0);
        qsizetype distinct = 0;
        qsizetype left = 0;
        qsizetype right = 0;
        for (qsizetype i = 0; i < matches.size(); ++i) {
            const auto [s, e] = windowFor(matches[i].start);
            for (; right < matches.size() && matches[right].start < e; ++right) {
                if (counts[matches[right].term]++ == 0)
                    ++distinct;
            }
            for (; left < right && matches[left].start < s; ++left) {
                if (--counts[matches[left].term] == 0)
                    --distinct;
            }
            if (distinct > bestDistinct) {
                bestDistinct = distinct;
                bestAnchor = i;
            }
        }
        const qsizetype anchor = bestAnchor >= 0 ? matches[bestAnchor].start : 0;
        std::tie(ws, we)
            = bestAnchor >= 0 ? windowFor(anchor) : std::pair<qsizetype, qsizetype>(0, maxChars);
        // Prefer cutting at a space near the ends, without losing the anchor or a later match.
        qsizetype lastMatchEnd = anchor;
        for (const RawMatch &m : matches) {
            if (m.start >= ws && m.start < we)
                lastMatchEnd = std::max(lastMatchEnd, std::min(m.end, we));
        }
        for (qsizetype k = ws; ws > 0 && k < std::min(ws + kSnapDistance, anchor); ++k) {
            if (text[k].isSpace()) {
                ws = k + 1;
                break;
            }
        }
        for (qsizetype k = we - 1; we < n && k > std::max(we - kSnapDistance, lastMatchEnd); --k) {
            if (text[k].isSpace()) {
                we = k;
                break;
            }
        }
        // Never cut inside a grapheme cluster; for a monstrous cluster, at least not inside a
        // surrogate pair.
        QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, text);
        const auto snap = [&finder](qsizetype pos, bool forward) {
            finder.setPosition(pos);
            if (finder.isAtBoundary())
                return pos;
            return forward ? finder.toNextBoundary() : finder.toPreviousBoundary();
        };
        const qsizetype gs = snap(ws, true);
        const qsizetype ge = snap(we, false);
        if (gs >= 0 && ge >= 0 && gs < ge) {
            ws = gs;
            we = ge;
        } else {
            ws += splitsSurrogatePair(text, ws) ? 1 : 0;
            we = std::max(ws, we - (splitsSurrogatePair(text, we) ? 1 : 0));
        }
    }

    QString out;
    out.reserve(we - ws + 16);
    if (ws > 0)
        out += kEllipsis;
    qsizetype pos = ws;
    for (const Highlight &h : merged(matches, ws, we)) {
        appendDisplay(&out, text.sliced(pos, h.start - pos));
        out += open;
        appendDisplay(&out, text.sliced(h.start, h.length));
        out += close;
        pos = h.start + h.length;
    }
    appendDisplay(&out, text.sliced(pos, we - pos));
    if (we < n)
        out += kEllipsis;
    return out;
}

} // namespace hd
