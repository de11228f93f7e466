// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/channels/csvreader.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>

namespace {

// "line:field¦field¦..." per row.
QStringList describe(const hd::csv::Table &table)
{
    QStringList rows;
    for (const hd::csv::Row &row : table.rows)
        rows << QString::number(row.line) + ":" + row.fields.join(QChar(0xA6));
    return rows;
}

QList<int> problemLines(const hd::csv::Table &table)
{
    QList<int> lines;
    for (const hd::csv::Problem &p : table.problems) {
        lines << p.line;
        if (p.reason.isEmpty())
            lines << -1;
    }
    return lines;
}

} // namespace

class TestCsvReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QChar>("given");
        QTest::addColumn<QChar>("delimiter");
        QTest::addColumn<QStringList>("rows");
        QTest::addColumn<QList<int>>("problems");
        const QChar none;
        const QChar comma(',');

        QTest::newRow("empty") << "" << none << comma << QStringList{} << QList<int>{};
        QTest::newRow("simple") << "a,b,c\n1,2,3\n"
                                << none << comma << QStringList{"1:a¦b¦c", "2:1¦2¦3"}
                                << QList<int>{};
        QTest::newRow("no final newline")
            << "a,b\n1,2" << none << comma << QStringList{"1:a¦b", "2:1¦2"} << QList<int>{};
        QTest::newRow("empty trailing line ignored")
            << "a\n"
            << none << comma << QStringList{"1:a"} << QList<int>{};
        QTest::newRow("blank line inside")
            << "a\n\nb\n"
            << none << comma << QStringList{"1:a", "2:", "3:b"} << QList<int>{};
        QTest::newRow("quoted") << "\"a,b\",c\n"
                                << none << comma << QStringList{"1:a,b¦c"} << QList<int>{};
        QTest::newRow("escaped quotes")
            << "\"say \"\"hi\"\"\",\"\"\"\"\n"
            << none << comma << QStringList{"1:say \"hi\"¦\""} << QList<int>{};
        QTest::newRow("embedded newlines")
            << "x,\"1\n2\n3\",y\nz,w\n\"p\nq\",r\n"
            << none << comma << QStringList{"1:x¦1\n2\n3¦y", "4:z¦w", "5:p\nq¦r"} << QList<int>{};
        QTest::newRow("embedded crlf")
            << "\"a\r\nb\",c\r\nd,e\r\n"
            << none << comma << QStringList{"1:a\nb¦c", "3:d¦e"} << QList<int>{};
        QTest::newRow("cr line ends")
            << "a,b\rc,d\r" << none << comma << QStringList{"1:a¦b", "2:c¦d"} << QList<int>{};
        QTest::newRow("mixed line ends") << "a\r\nb\nc\rd" << none << comma
                                         << QStringList{"1:a", "2:b", "3:c", "4:d"} << QList<int>{};
        QTest::newRow("empty fields")
            << ",,\na,,b,\n"
            << none << comma << QStringList{"1:¦¦", "2:a¦¦b¦"} << QList<int>{};
        QTest::newRow("empty quoted field") << "\"\",x\n"
                                            << none << comma << QStringList{"1:¦x"} << QList<int>{};
        QTest::newRow("semicolon")
            << "a;b;c\n1;\"2;3\";4\n"
            << none << QChar(';') << QStringList{"1:a¦b¦c", "2:1¦2;3¦4"} << QList<int>{};
        QTest::newRow("tab") << "a\tb\n1\t2,3\n"
                             << none << QChar('\t') << QStringList{"1:a¦b", "2:1¦2,3"}
                             << QList<int>{};
        QTest::newRow("quoted delimiters do not count")
            << "\"a;b;c\",d\n"
            << none << comma << QStringList{"1:a;b;c¦d"} << QList<int>{};
        QTest::newRow("given delimiter")
            << "a;b,c\n"
            << QChar(',') << comma << QStringList{"1:a;b¦c"} << QList<int>{};
        QTest::newRow("text after closing quote")
            << "\"a\"b,c\n"
            << none << comma << QStringList{"1:ab¦c"} << QList<int>{};
        QTest::newRow("quote inside unquoted")
            << "a\"b,c\n"
            << none << comma << QStringList{"1:a\"b¦c"} << QList<int>{};
        QTest::newRow("unterminated quote")
            << "a,b\nc,\"d\ne,f\n"
            << none << comma << QStringList{"1:a¦b", "2:c¦d\ne,f\n"} << QList<int>{2};
        QTest::newRow("unterminated on a later line of a row")
            << "x,\"ok\nstill\",\"open\n"
            << none << comma << QStringList{"1:x¦ok\nstill¦open\n"} << QList<int>{2};
        QTest::newRow("lone quote") << "\"" << none << comma << QStringList{"1:"} << QList<int>{1};
        QTest::newRow("korean")
            << "날짜,사용자,메시지\n2015-07-09 20:34:26,\"김철수\",\"안녕\n하세요\"\n"
            << none << comma
            << QStringList{"1:날짜¦사용자¦메시지", "2:2015-07-09 20:34:26¦김철수¦안녕\n하세요"}
            << QList<int>{};
    }

    void parse()
    {
        QFETCH(QString, input);
        QFETCH(QChar, given);
        QFETCH(QChar, delimiter);
        QFETCH(QStringList, rows);
        QFETCH(QList<int>, problems);
        const hd::csv::Table table = hd::csv::parse(input, given);
        QCOMPARE(table.delimiter, delimiter);
        QCOMPARE(describe(table), rows);
        QCOMPARE(problemLines(table), problems);
    }

    void detectDelimiter()
    {
        QCOMPARE(hd::csv::detectDelimiter(u"a,b;c;d"), QChar(';'));
        QCOMPARE(hd::csv::detectDelimiter(u"a\tb\tc,d"), QChar('\t'));
        QCOMPARE(hd::csv::detectDelimiter(u"abc"), QChar(','));
        QCOMPARE(hd::csv::detectDelimiter(u"a,b\nc;d;e;f"), QChar(','));
    }

    void randomInputNeverCrashes()
    {
        QRandomGenerator random(4180);
        const QString alphabet = "ab,;\t\"\r\n 가";
        for (int round = 0; round < 2000; ++round) {
            QString text;
            const int length = random.bounded(0, 200);
            for (int i = 0; i < length; ++i)
                text += alphabet.at(random.bounded(int(alphabet.size())));
            const hd::csv::Table table = hd::csv::parse(text);
            int previous = 0;
            for (const hd::csv::Row &row : table.rows) {
                QVERIFY(row.line > previous);
                QVERIFY(!row.fields.isEmpty());
                previous = row.line;
            }
            QVERIFY(table.problems.size() <= 1);
        }
    }

    // Linear: a long text of rows with quoted multi-line fields and a 10 MB quoted field.
    void large()
    {
        QString text;
        const int rows = 100000;
        for (int i = 0; i < rows; ++i)
            text += "2015-07-09 20:34:26,\"사용자\",\"첫 줄\n둘째 줄 \"\"인용\"\"\"\n";
        QElapsedTimer timer;
        timer.start();
        const hd::csv::Table table = hd::csv::parse(text);
        QCOMPARE(table.rows.size(), rows);
        QCOMPARE(table.rows.last().line, 2 * rows - 1);
        QCOMPARE(table.rows.last().fields.at(2), QString("첫 줄\n둘째 줄 \"인용\""));
        const QString huge = '"' + QString(10 * 1024 * 1024, 'x') + "\",y";
        const hd::csv::Table one = hd::csv::parse(huge);
        QCOMPARE(one.rows.size(), 1);
        QCOMPARE(one.rows.first().fields.size(), 2);
        qInfo("csv: %d rows + a 10 MB field in %lld ms", rows, timer.elapsed());
    }
};

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_csvreader.moc"
