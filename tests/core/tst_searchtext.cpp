// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/storage/searchtext.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <algorithm>
#include <optional>

static_assert(hd::kSearchAnalyzerVersion >= 1);

namespace {

const QString kConnection = QStringLiteral("tst_searchtext");

// Documents of the fixed corpus; the row of document i is i + 1.
const QStringList kDocs = {
    "결제가 안돼요", // 0
    "환불은 언제 되나요", // 1
    "로그인이 안 돼요", // 2
    "교환 신청했어요", // 3
    "Login failed", // 4
    "결 제", // 5
    "불만 접수합니다", // 6
    "환불 요청과 불만", // 7
    "카톡ID로 로그인", // 8
    "ＬＯＧＩＮ 오류 ㅋㅋㅋ", // 9
    "logging is noisy", // 10
    "A/S 문의", // 11
};

QString spans(const QList<hd::Highlight> &highlights)
{
    QStringList out;
    for (const hd::Highlight &h : highlights)
        out << QString::number(h.start) + "+" + QString::number(h.length);
    return out.join(' ');
}

// Outside quoted strings (with "" as an escaped quote) an FTS expression of ours may only hold
// spaces, balanced parentheses, a * right after a string, and the operators AND, OR and NOT.
bool structurallyValid(const QString &fts)
{
    QString rest = fts;
    rest.replace(QRegularExpression("\"([^\"]|\"\")*\"\\*?"), "S");
    rest.replace(QRegularExpression(" (AND|OR|NOT) "), " ");
    int depth = 0;
    for (const QChar c : rest) {
        depth += c == '(' ? 1 : c == ')' ? -1 : 0;
        if (depth < 0 || (c != 'S' && c != ' ' && c != '(' && c != ')'))
            return false;
    }
    return depth == 0 && !fts.isEmpty();
}

bool surrogatesPaired(QStringView s)
{
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (s[i].isHighSurrogate() && (i + 1 >= s.size() || !s[++i].isLowSurrogate()))
            return false;
        if (s[i].isLowSurrogate() && (i == 0 || !s[i - 1].isHighSurrogate()))
            return false;
    }
    return true;
}

// Adds one data row per list: the row name, then one QString per column.
void addRows(const QList<QStringList> &rows)
{
    for (const QStringList &row : rows) {
        QTestData &data = QTest::newRow(qPrintable(row.first()));
        for (qsizetype i = 1; i < row.size(); ++i)
            data << row[i];
    }
}

QStringList terms(const QString &joined)
{
    return joined.split('|', Qt::SkipEmptyParts);
}

QString randomPiece(QRandomGenerator &rng, const QStringList &pieces)
{
    return pieces[rng.bounded(int(pieces.size()))];
}

} // namespace

class TestSearchText : public QObject
{
    Q_OBJECT

    // Rows (0-based) of `table` matching `fts`, or nullopt with the SQLite error.
    std::optional<QList<int>> runMatch(const QString &table, const QString &fts, QString *error)
    {
        QSqlQuery q(QSqlDatabase::database(kConnection));
        if (!q.prepare(QString("SELECT rowid FROM %1 WHERE %1 MATCH ? ORDER BY rowid").arg(table)))
            return *error = q.lastError().text(), std::nullopt;
        q.addBindValue(fts);
        if (!q.exec())
            return *error = q.lastError().text(), std::nullopt;
        QList<int> rows;
        while (q.next())
            rows << q.value(0).toInt() - 1;
        if (q.lastError().isValid())
            return *error = q.lastError().text(), std::nullopt;
        return rows;
    }

    bool createTable(const QString &table, const QStringList &docs)
    {
        QSqlQuery q(QSqlDatabase::database(kConnection));
        if (!q.exec(QString("CREATE VIRTUAL TABLE %1 USING fts5(body, tokenize='unicode61 "
                            "remove_diacritics 2')")
                        .arg(table)))
            return false;
        q.prepare(QString("INSERT INTO %1(rowid, body) VALUES (?, ?)").arg(table));
        for (qsizetype i = 0; i < docs.size(); ++i) {
            q.addBindValue(i + 1);
            q.addBindValue(hd::searchTokens(docs[i]));
            if (!q.exec())
                return false;
        }
        return true;
    }

    // Fails the test unless `query` translates to valid FTS5 that SQLite accepts.
    void verifyValid(const QString &query)
    {
        const hd::SearchQuery sq = hd::buildSearchQuery(query);
        QCOMPARE(sq.empty, sq.fts.isEmpty());
        if (sq.empty)
            return;
        QVERIFY2(structurallyValid(sq.fts), qPrintable(sq.fts));
        QVERIFY2(sq.fts.count('"') <= 2 * hd::kSearchMaxQueryPhrases, qPrintable(sq.fts));
        QString error;
        QVERIFY2(runMatch("docs", sq.fts, &error).has_value(),
                 qPrintable(error + " for " + sq.fts + " from " + query.toHtmlEscaped()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", kConnection);
        db.setDatabaseName(":memory:");
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        QVERIFY(createTable("docs", kDocs));
    }

    void cleanupTestCase()
    {
        QSqlDatabase::database(kConnection).close();
        QSqlDatabase::removeDatabase(kConnection);
    }

    void tokens_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("tokens");
        addRows({
            {"particle", "결제가 안돼요", "결제 제가 가 안돼 돼요 요"},
            {"sentence", "환불은 언제 되나요", "환불 불은 은 언제 제 되나 나요 요"},
            {"one syllable", "로그인이 안 돼요", "로그 그인 인이 이 안 돼요 요"},
            {"english", "Login failed", "login failed"},
            {"mixed", "카톡ID로 로그인", "카톡 톡 id 로 로그 그인 인"},
            {"full-width", "ＬＯＧＩＮ １２３", "login 123"},
            {"compat jamo", "ㅋㅋ ㅠㅠ", "\u110F\u110F \u1172\u1172"},
            {"emoji", "결제😀완료🙏!", "결제 제 완료 료"},
            {"numbers", "주문번호 12345, v2.3", "주문 문번 번호 호 12345 v2 3"},
            {"punctuation", "e-mail don't (A/S)", "e mail don t a s"},
            {"han kana", "東京タワー", "東京 京タ タワ ワー ー"},
            {"half-width kana", "ｶﾀｶﾅ", "カタ タカ カナ ナ"},
            {"han hangul", "韓國어", "韓國 國어 어"},
            {"han ext-b", "𠀀𠀁𠀂", "𠀀𠀁 𠀁𠀂 𠀂"},
            {"compatibility", "㈜한국 ① ﬁle", "주 한국 국 1 file"},
            {"diacritics", "Cafe\u0301 ÉTÉ", "café été"},
            {"empty", "", ""},
            {"only junk", " !!! ??? … 😀 \"'*:^() ", ""},
        });
        QTest::newRow("controls") << QString(QString("a") + QChar(0) + "b\tc\u200Bd") << "a b c d";
        QTest::newRow("lone surrogate")
            << QString(QString("a") + QChar(0xD800) + "b" + QChar(0xDC00)) << "a b";
        QTest::newRow("long word") << QString(100, 'A') << QString(64, 'a');
        QTest::newRow("long word, pair at the cut")
            << QString(QString(63, 'a') + "\U00010400") << QString(63, 'a');
    }

    void tokens()
    {
        QFETCH(QString, text);
        QFETCH(QString, tokens);
        QCOMPARE(hd::searchTokens(text), tokens);
        QCOMPARE(hd::searchTokenList(text).join(' '), tokens);
    }

    void longRunsAndLinearOutput()
    {
        QString run;
        for (int i = 0; i < 100; ++i)
            run += QChar(0xAC00 + i);
        const QStringList list = hd::searchTokenList(run);
        QCOMPARE(list.size(), 100);
        QCOMPARE(list.first(), run.left(2));
        QCOMPARE(list.last(), run.right(1));

        QRandomGenerator rng(7);
        QString junk;
        for (int i = 0; i < 100000; ++i)
            junk
                += QChar(rng.bounded(4) == 0 ? char16_t(u' ') : char16_t(0xAC00 + rng.bounded(50)));
        QVERIFY(hd::searchTokens(junk).size() <= 3 * junk.size() + 3);
        const QString expanding(2000, QChar(0xFDFA)); // NFKC: 18 characters each
        QVERIFY(hd::searchTokens(expanding).size() <= 18 * 3 * expanding.size());
    }

    void longTextsNormalizeInPieces()
    {
        // NFKC composes compatibility jamo (ㄱㅏ -> 가); no cut may fall between them.
        const QStringList jamo
            = hd::searchTokenList(QString("ㅋ" + QString("ㄱㅏ").repeated(3000)));
        QCOMPARE(jamo.size(), 3001);
        QCOMPARE(jamo.at(1), QString("가가"));
        QCOMPARE(jamo.last(), QString("가"));
        QCOMPARE(hd::searchTokens(QString("e\u0301").repeated(3000)), QString(64, QChar(0xE9)));
        // Cutting must not change the result: compare with Qt's whole-string NFKC.
        QRandomGenerator rng(3);
        const QStringList pieces
            = {"ㄱ",     "ㅏ", "ㅋ", "\u1100", "\u1161", "\u11A8", "가", "e", "\u0301",
               "\u0323", "ｶ",  "ﾞ",  "Ａ",     "①",      "\uFB01", " ",  "a"};
        for (int i = 0; i < 100; ++i) {
            QString text;
            for (int n = rng.bounded(0, 3000); n > 0; --n)
                text += randomPiece(rng, pieces);
            QCOMPARE(hd::searchTokens(text),
                     hd::searchTokens(text.normalized(QString::NormalizationForm_KC)));
        }
        // One full-width letter used to make Qt's normalisation of a long text quadratic.
        const QString text = "Ａ" + QString("결제가 안돼요 ").repeated(100000);
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(hd::searchTokenList(text).size(), 1 + 6 * 100000);
        QVERIFY2(timer.elapsed() < 20000, "800k characters took more than 20 s");
    }

    void query_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("fts");
        QTest::addColumn<QString>("highlight");
        addRows({
            {"결제", "결제", "\"결제\"", "결제"},
            {"환불", "환불", "\"환불\"", "환불"},
            {"로그인이", "로그인이", "\"로그 그인 인이\"", "로그인이"},
            {"로그인", "로그인", "\"로그 그인\"", "로그인"},
            {"환", "환", "\"환\"*", "환"},
            {"login", "login", "\"login\"*", "login"},
            {"LOG", "  LOG  ", "\"log\"*", "log"},
            {"full-width", "ＬＯＧＩＮ", "\"login\"*", "login"},
            {"short and long", "환 불만", "\"환\"* AND \"불만\"", "환|불만"},
            {"mixed", "카톡ID", "\"카톡\" AND \"id\"*", "카톡|id"},
            {"A/S문의", "A/S문의", "\"a\"* AND \"s\"* AND \"문의\"", "a|s|문의"},
            {"phrase", "\"결제가 안돼\"", "\"결제 제가 가 안돼\"", "결제가|안돼"},
            {"phrase latin", "\"Login fail\"", "\"login fail\"*", "login|fail"},
            {"phrase one syllable", "\"가 안\"", "\"가 안\"*", "가|안"},
            {"phrase unbalanced", "\"결제 오류", "\"결제 제 오류\"", "결제|오류"},
            {"minus", "결제 -환불", "\"결제\" NOT \"환불\"", "결제"},
            {"minus two", "결제 -환불 --교환", "\"결제\" NOT (\"환불\" OR \"교환\")", "결제"},
            {"NOT", "결제 NOT 환불", "\"결제\" NOT \"환불\"", "결제"},
            {"minus phrase", "-\"결제 오류\" 배송", "\"배송\" NOT \"결제 제 오류\"", "배송"},
            {"OR", "환불 OR 교환", "\"환불\" OR \"교환\"", "환불|교환"},
            {"OR, AND", "환불 OR 교환 AND 배송", "(\"환불\" OR \"교환\") AND \"배송\"",
             "환불|교환|배송"},
            {"OR mixed", "카톡ID OR 문자 -스팸",
             "((\"카톡\" AND \"id\"*) OR \"문자\") NOT \"스팸\"", "카톡|id|문자"},
            {"or is a word", "or", "\"or\"*", "or"},
            {"dangling OR", "OR 환불 OR", "\"환불\"", "환불"},
            {"OR skips junk", "환불 OR !!! 교환", "\"환불\" OR \"교환\"", "환불|교환"},
            {"NEAR", "NEAR(a b)", "\"near\"* AND \"a\"* AND \"b\"*", "near|a|b"},
            {"column", "body:결제^", "\"body\"* AND \"결제\"", "body|결제"},
            {"jamo", "ㅋㅋ", "\"\u110F\u110F\"*", "\u110F\u110F"},
            {"duplicates", "결제 결제", "\"결제\" AND \"결제\"", "결제"},
            {"only negative", "-환불", "", ""},
            {"operators only", "AND OR NOT", "", ""},
            {"blank", " \t\n", "", ""},
            {"junk", "\"\" * ^ : () -", "", ""},
        });
    }

    void query()
    {
        QFETCH(QString, input);
        QFETCH(QString, fts);
        QFETCH(QString, highlight);
        const hd::SearchQuery q = hd::buildSearchQuery(input);
        QCOMPARE(q.fts, fts);
        QCOMPARE(q.highlightTerms, terms(highlight));
        QCOMPARE(q.empty, fts.isEmpty());
        verifyValid(input);
    }

    void search_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("rows"); // indexes into kDocs
        addRows({
            {"결제, not 결 제", "결제", "0"},
            {"환불", "환불", "1 7"},
            {"로그인이", "로그인이", "2"},
            {"로그인 (prefix of 로그인이)", "로그인", "2 8"},
            {"환 (환불 and 교환)", "환", "1 3 7"},
            {"제", "제", "0 1 5"},
            {"요", "요", "0 1 2 3 7"},
            {"돼요", "돼요", "0 2"},
            {"login", "login", "4 9"},
            {"log", "log", "4 9 10"},
            {"ＬＯＧ", "ＬＯＧ", "4 9 10"},
            {"환 불만", "환 불만", "7"},
            {"phrase", "\"결제가 안돼\"", "0"},
            {"phrase reversed", "\"안돼 결제가\"", ""},
            {"phrase across words", "\"인이 안\"", "2"},
            {"OR", "결제 OR 교환", "0 3"},
            {"minus", "환불 -불만", "1"},
            {"NOT", "환불 NOT 불만", "1"},
            {"jamo", "ㅋㅋ", "9"},
            {"카톡ID", "카톡ID", "8"},
            {"ID로", "ID로", "8"},
            {"A/S문의", "A/S문의", "11"},
            {"no match", "배송", ""},
        });
    }

    void search()
    {
        QFETCH(QString, query);
        QFETCH(QString, rows);
        const hd::SearchQuery q = hd::buildSearchQuery(query);
        QVERIFY(!q.empty);
        QString error;
        const std::optional<QList<int>> found = runMatch("docs", q.fts, &error);
        QVERIFY2(found.has_value(), qPrintable(error));
        QStringList names;
        for (const int row : *found)
            names << QString::number(row);
        QCOMPARE(names.join(' '), rows);
    }

    void hostileQueriesStayValid_data()
    {
        QTest::addColumn<QString>("input");
        const QStringList hostile = {
            "\"",
            "\"\"",
            "\"\"\"",
            "\"a\"\"b\"",
            "a\"b",
            "\"결제",
            "결제\"",
            "*",
            "**",
            "a*",
            "\"a\"*",
            "^a",
            "a^",
            ":",
            "body:",
            "body:a",
            "-",
            "--",
            "- -",
            "-\"",
            "(",
            ")",
            "(a",
            "a)",
            "((((((",
            "NEAR",
            "NEAR(",
            "NEAR(a b, 3)",
            "a NEAR b",
            "AND",
            "OR",
            "NOT",
            "a AND",
            "OR a",
            "NOT NOT a",
            "a OR OR b",
            "a NOT",
            "+",
            "a + b",
            "{a b}",
            "'a'",
            "`a`",
            "\\",
            "\\\"",
            "%",
            "_",
            ";",
            "'; DROP TABLE docs; --",
            "\u00A0",
            "\u3000",
            "\u200B",
            "\uFEFF",
            "\uFFFF",
            "＂결제＂",
            "－환불 결제",
            "ｏｒ",
            "\U0001F600",
            "\U0001E900",
            "\uE000",
            "a\u0301",
            "\u0301",
            "ㅋㅋ*",
            "결제*",
            "\"*\"",
            "\"-\"",
            "\"OR\"",
            "\"NOT 결제\"",
            "-OR",
            "-NOT",
            "-AND a",
            QString(QChar(0)),
            QString(QChar(1)) + QChar(2),
            QString(QChar(0xD800)),
            QString(QChar(0xDC00)) + "a",
            QString("\"") + QChar(0) + "\"",
            QString(QChar(0x7F)),
        };
        for (const QString &h : hostile)
            QTest::newRow(qPrintable(h.toUtf8().toHex())) << h;
        QString big;
        QRandomGenerator rng(11);
        const QStringList pieces = {"\"", "a", "결", " ", "OR ", "(", "*", "-", "NOT "};
        while (big.size() < 10240)
            big += randomPiece(rng, pieces);
        QTest::newRow("10 kB junk") << big;
        QTest::newRow("10 kB phrase") << QString("\"" + QString(5000, QChar(0xAC01)) + " x");
        QTest::newRow("many terms") << QString("가 ").repeated(3000);
        QTest::newRow("many negatives") << QString("가 -나 ").repeated(1000);
    }

    void hostileQueriesStayValid()
    {
        QFETCH(QString, input);
        verifyValid(input);
    }

    void oversizedQueriesKeepTheirBeginning()
    {
        const hd::SearchQuery parts = hd::buildSearchQuery(QString("x/").repeated(100));
        QCOMPARE(parts.fts.count("\"x\"*"), hd::kSearchMaxQueryPhrases);
        const hd::SearchQuery phrase
            = hd::buildSearchQuery(QString("\"" + QString("가나 ").repeated(100) + "\""));
        QCOMPARE(phrase.fts.count(' ') + 1, hd::kSearchMaxPhraseTokens);
        QVERIFY(phrase.fts.startsWith("\"가나 나 가나") && phrase.fts.endsWith('"'));
    }

    void randomQueriesStayValid()
    {
        QRandomGenerator rng(20240611);
        const QStringList pieces = {
            "결제",
            "환",
            "불만",
            "로그인이",
            "가",
            "login",
            "LOG",
            "a",
            "42",
            "ID",
            " ",
            " ",
            " ",
            "\"",
            "\"",
            "-",
            "*",
            "^",
            ":",
            "(",
            ")",
            "+",
            ",",
            ".",
            "/",
            "OR",
            " OR ",
            " AND ",
            " NOT ",
            "NEAR",
            "NEAR(",
            "'",
            "\\",
            "\t",
            "\n",
            "😀",
            "ＡＢ",
            "ㅋ",
            "\u0301",
            QString(QChar(0)),
            QString(QChar(0xD83D)),
            "_",
            "{",
            "}",
            "[",
            "]",
            "&",
            "|",
        };
        for (int i = 0; i < 2000; ++i) {
            QString query;
            for (int n = rng.bounded(0, 25); n > 0; --n)
                query += randomPiece(rng, pieces);
            verifyValid(query);
            if (QTest::currentTestFailed())
                QFAIL(qPrintable("random query #" + QString::number(i)));
        }
    }

    // Every substring of a Hangul run finds exactly the documents containing it.
    void substringsOfHangulRunsAreFound()
    {
        QRandomGenerator rng(5);
        const QStringList syllables = QString("가나다라결제환불교로그인이요안돼은는").split("");
        const QStringList separators = {" ", ", ", " ABC ", "!", "12", "😀", "\n"};
        QStringList docs;
        QList<QStringList> runs;
        for (int d = 0; d < 300; ++d) {
            QString doc;
            QStringList docRuns;
            for (int r = rng.bounded(1, 5); r > 0; --r) {
                QString run;
                for (int s = rng.bounded(1, 9); s > 0; --s)
                    run += syllables[rng.bounded(1, int(syllables.size()) - 1)];
                doc += run + randomPiece(rng, separators);
                docRuns << run;
            }
            docs << doc;
            runs << docRuns;
        }
        QVERIFY(createTable("prop", docs));
        for (int i = 0; i < 1000; ++i) {
            const int d = rng.bounded(int(docs.size()));
            const QString run = randomPiece(rng, runs[d]);
            const int from = rng.bounded(int(run.size()));
            const QString sub = run.mid(from, rng.bounded(1, int(run.size()) - from + 1));
            QList<int> expected;
            for (int k = 0; k < docs.size(); ++k) {
                if (docs[k].contains(sub))
                    expected << k;
            }
            for (const QString &query : QStringList{sub, QString("\"" + sub + "\"")}) {
                QString error;
                const std::optional<QList<int>> found
                    = runMatch("prop", hd::buildSearchQuery(query).fts, &error);
                QVERIFY2(found.has_value(), qPrintable(error));
                QVERIFY2(*found == expected, qPrintable(query + " in " + docs[d]));
            }
        }
    }

    void findMatches_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("terms");
        QTest::addColumn<QString>("expected");
        addRows({
            {"korean substring", "결제가 안돼요, 결제", "결제", "0+2 9+2"},
            {"latin word prefix", "Login failed, logging", "log", "0+3 14+3"},
            {"not inside a word", "catalog", "log", ""},
            {"after hangul", "카톡ID로", "id", "2+2"},
            {"full-width", "ＬＯＧＩＮ 오류", "login", "0+5"},
            {"compat jamo", "ㅋㅋㅋ", hd::buildSearchQuery(u"ㅋㅋ").highlightTerms.join('|'),
             "0+2"},
            {"diacritics", "Café, Cafe\u0301", "cafe", "0+4 6+5"},
            {"merge overlapping", "로그인이", "로그|그인", "0+3"},
            {"merge touching", "결제가", "결제|가", "0+3"},
            {"surrogates", "😀결제😀", "결제", "2+2"},
            {"han ext-b", "a𠀀𠀁b", "𠀁", "3+2"},
            {"case", "ERROR error", "Error", "0+5 6+5"},
            {"no terms", "결제", "", ""},
            {"empty text", "", "결제", ""},
        });
    }

    void findMatches()
    {
        QFETCH(QString, text);
        QFETCH(QString, terms);
        QFETCH(QString, expected);
        QCOMPARE(spans(hd::findMatches(text, ::terms(terms))), expected);
        QCOMPARE(hd::findMatches(text, {""}), QList<hd::Highlight>{});
    }

    void snippet_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("terms");
        QTest::addColumn<QString>("maxChars");
        QTest::addColumn<QString>("expected");
        addRows({
            {"whole", "결제가 안돼요", "결제", "160", "[결제]가 안돼요"},
            {"several", "Login 로그인이 안돼요", "log|로그인", "160", "[Log]in [로그인]이 안돼요"},
            {"line breaks", "결제\n안돼요\t!", "안돼", "0", "결제 [안돼]요 !"},
            {"no match", "abcdef ghijkl", "x", "8", "abcdef…"},
            {"cut both ends", "aaaa bbbb 결제 cccc dddd", "결제", "10", "…[결제] cccc…"},
        });
    }

    void snippet()
    {
        QFETCH(QString, text);
        QFETCH(QString, terms);
        QFETCH(QString, maxChars);
        QFETCH(QString, expected);
        QCOMPARE(hd::highlightSnippet(text, ::terms(terms), maxChars.toInt()), expected);
    }

    void snippetWindow()
    {
        const QString filler = QString("가나다 ").repeated(100);
        const QString text = filler + "환불 요청" + filler;
        const QString s = hd::highlightSnippet(text, {"환불"}, 40, u"<b>", u"</b>");
        QVERIFY2(s.startsWith(u'…') && s.endsWith(u'…') && s.contains("<b>환불</b>"),
                 qPrintable(s));
        QVERIFY(s.size() <= 40 + 2 + 7);

        // The window with both terms wins over the earlier one with only one.
        const QString two = "결제 " + filler + "결제 환불 " + filler;
        const QString best = hd::highlightSnippet(two, {"결제", "환불"}, 40);
        QVERIFY2(best.contains("[결제] [환불]"), qPrintable(best));
        // With equal counts the first window wins.
        const QString first = hd::highlightSnippet(two, {"결제"}, 40);
        QVERIFY2(first.startsWith("[결제]"), qPrintable(first));
    }

    void snippetNeverSplitsSurrogates()
    {
        QRandomGenerator rng(99);
        const QStringList pieces
            = {"😀", "👍🏽", "결제", "a", " ", "\n", "e\u0301", "𠀀", "LOG"};
        const QStringList terms = {"결제", "log", "😀", "𠀀"};
        for (int i = 0; i < 500; ++i) {
            QString text;
            for (int n = rng.bounded(0, 200); n > 0; --n)
                text += randomPiece(rng, pieces);
            const int maxChars = rng.bounded(1, 60);
            const QString s = hd::highlightSnippet(text, terms, maxChars, u"⟦", u"⟧");
            QVERIFY2(surrogatesPaired(s), qPrintable(text));
            QString plain = s;
            plain.remove(u'⟦').remove(u'⟧').remove(u'…');
            QVERIFY2(plain.size() <= maxChars, qPrintable(s));
            for (const hd::Highlight &h : hd::findMatches(text, terms))
                QVERIFY(surrogatesPaired(QStringView(text).sliced(h.start, h.length)));
        }
        const QString zalgo = "a" + QString(300, QChar(0x0301)) + " 결제";
        QVERIFY(surrogatesPaired(hd::highlightSnippet(zalgo, {"결제"}, 20)));
    }

    void queryTermsHighlight()
    {
        const hd::SearchQuery q = hd::buildSearchQuery(u"로그인 LOG -오류");
        QCOMPARE(hd::highlightSnippet(u"Login: 로그인이 안돼요 (오류)", q.highlightTerms),
                 QString("[Log]in: [로그인]이 안돼요 (오류)"));
    }
};

QTEST_GUILESS_MAIN(TestSearchText)
#include "tst_searchtext.moc"
