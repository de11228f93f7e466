// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/storage/pgdialect.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

namespace hd::pg {

namespace {

constexpr QChar kMark(0x1);

/// The statement with every quoted literal or identifier replaced by kMark<n>kMark, so that the
/// rewrites never look inside one; restore() puts them back.
struct Masked
{
    QString text;
    QStringList literals;

    explicit Masked(const QString &sql)
    {
        text.reserve(sql.size());
        for (qsizetype i = 0; i < sql.size();) {
            const QChar q = sql.at(i);
            if (q != QLatin1Char('\'') && q != QLatin1Char('"')) {
                text += q;
                ++i;
                continue;
            }
            qsizetype j = i + 1;
            while (j < sql.size()) {
                if (sql.at(j) == q) {
                    if (j + 1 < sql.size() && sql.at(j + 1) == q) {
                        j += 2; // a doubled quote inside the literal
                        continue;
                    }
                    break;
                }
                ++j;
            }
            const qsizetype end = qMin(j + 1, sql.size());
            text += kMark + QString::number(literals.size()) + kMark;
            literals << sql.mid(i, end - i);
            i = end;
        }
    }

    [[nodiscard]] QString restore() const
    {
        static const QRegularExpression mark(QStringLiteral("\\x01(\\d+)\\x01"));
        QString out;
        qsizetype last = 0;
        for (auto it = mark.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            out += QStringView(text).mid(last, m.capturedStart() - last);
            out += literals.value(m.captured(1).toInt());
            last = m.capturedEnd();
        }
        out += QStringView(text).mid(last);
        return out;
    }
};

/// Position of the parenthesis closing the one at open, and the number of commas directly
/// inside; -1 when unbalanced.
qsizetype closingParen(const QString &s, qsizetype open, int *commas)
{
    int depth = 0;
    *commas = 0;
    for (qsizetype i = open; i < s.size(); ++i) {
        const QChar c = s.at(i);
        if (c == QLatin1Char('('))
            ++depth;
        else if (c == QLatin1Char(')') && --depth == 0)
            return i;
        else if (c == QLatin1Char(',') && depth == 1)
            ++*commas;
    }
    return -1;
}

/// Renames the calls of a function: scalar (two or more arguments) max/min to GREATEST/LEAST,
/// group_concat to string_agg (with SQLite's default separator when none is given).
void rewriteCalls(QString &s)
{
    static const QRegularExpression call(QStringLiteral("\\b(max|min|group_concat)\\s*\\("),
                                         QRegularExpression::CaseInsensitiveOption);
    qsizetype from = 0;
    for (;;) {
        const auto m = call.match(s, from);
        if (!m.hasMatch())
            return;
        const qsizetype open = m.capturedEnd() - 1;
        int commas = 0;
        const qsizetype close = closingParen(s, open, &commas);
        const QString name = m.captured(1).toLower();
        QString replacement;
        if (name == QLatin1String("group_concat")) {
            if (close > 0 && commas == 0)
                s.insert(close, QStringLiteral(", ','"));
            replacement = QStringLiteral("string_agg");
        } else if (commas > 0) {
            replacement = name == QLatin1String("max") ? QStringLiteral("GREATEST")
                                                       : QStringLiteral("LEAST");
        }
        if (!replacement.isEmpty()) {
            s.replace(m.capturedStart(1), m.capturedLength(1), replacement);
            from = m.capturedStart(1) + replacement.size();
        } else {
            from = m.capturedEnd();
        }
    }
}

/// Gives every subquery in FROM an alias (PostgreSQL requires one; SQLite does not).
void aliasSubqueries(QString &s)
{
    static const QRegularExpression from(QStringLiteral("\\bFROM\\s*\\(\\s*SELECT\\b"),
                                         QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression next(QStringLiteral("^\\s*(\\w*)"));
    static const QSet<QString> clauses{
        QStringLiteral("where"),  QStringLiteral("order"),     QStringLiteral("group"),
        QStringLiteral("limit"),  QStringLiteral("union"),     QStringLiteral("join"),
        QStringLiteral("left"),   QStringLiteral("inner"),     QStringLiteral("cross"),
        QStringLiteral("on"),     QStringLiteral("having"),    QStringLiteral("offset"),
        QStringLiteral("except"), QStringLiteral("intersect"), QString()};
    int serial = 0;
    for (qsizetype pos = 0;;) {
        const auto m = from.match(s, pos);
        if (!m.hasMatch())
            return;
        const qsizetype open = s.indexOf(QLatin1Char('('), m.capturedStart());
        int commas = 0;
        const qsizetype close = closingParen(s, open, &commas);
        if (close < 0)
            return;
        const QString word = next.match(s.mid(close + 1)).captured(1).toLower();
        if (clauses.contains(word))
            s.insert(close + 1, QStringLiteral(" AS hd_sub%1").arg(++serial));
        pos = open + 1;
    }
}

void replaceAll(QString &s, const char *pattern, const char *with)
{
    const QRegularExpression re(QString::fromLatin1(pattern),
                                QRegularExpression::CaseInsensitiveOption);
    s.replace(re, QString::fromLatin1(with));
}

} // namespace

QString ConnectionSpec::displayName() const
{
    QString out = QStringLiteral("postgresql://");
    if (!user.isEmpty())
        out += user + QLatin1Char('@');
    return out + host + QLatin1Char(':') + QString::number(port) + QLatin1Char('/') + database;
}

bool isUrl(const QString &spec)
{
    return spec.startsWith(QLatin1String("postgresql://"))
        || spec.startsWith(QLatin1String("postgres://"));
}

std::optional<ConnectionSpec> parseUrl(const QString &url, QString *error)
{
    const QUrl u(url, QUrl::StrictMode);
    if (!isUrl(url) || !u.isValid() || u.host().isEmpty()) {
        *error = QCoreApplication::translate(
                     "hd::Database",
                     "'%1' is not a PostgreSQL URL; write postgresql://user:password@host:port/"
                     "database.")
                     .arg(u.isValid() ? u.toDisplayString(QUrl::RemovePassword) : url.left(80));
        return std::nullopt;
    }
    ConnectionSpec s;
    s.host = u.host();
    s.port = u.port(5432);
    s.user = u.userName(QUrl::FullyDecoded);
    s.password = u.password(QUrl::FullyDecoded);
    s.database = u.path(QUrl::FullyDecoded).mid(1);
    if (s.database.isEmpty() || s.database.contains(QLatin1Char('/'))) {
        *error = QCoreApplication::translate("hd::Database",
                                             "The PostgreSQL URL '%1' names no database; add "
                                             "/DATABASE after the host.")
                     .arg(u.toDisplayString(QUrl::RemovePassword));
        return std::nullopt;
    }
    QStringList options;
    for (const auto &[key, value] : QUrlQuery(u).queryItems(QUrl::FullyDecoded))
        options << key + QLatin1Char('=') + value;
    s.options = options.join(QLatin1Char(';'));
    return s;
}

Statement toPostgres(const QString &sql, const QSet<QString> &idTables)
{
    Masked m(sql);
    QString &s = m.text;
    while (s.endsWith(QLatin1Char(';')) || (!s.isEmpty() && s.back().isSpace()))
        s.chop(1);
    static const QRegularExpression orIgnore(QStringLiteral("\\bINSERT\\s+OR\\s+IGNORE\\s+INTO\\b"),
                                             QRegularExpression::CaseInsensitiveOption);
    const bool ignore = s.contains(orIgnore);
    if (ignore)
        s.replace(orIgnore, QStringLiteral("INSERT INTO"));
    rewriteCalls(s);
    aliasSubqueries(s);
    replaceAll(s, "([\\w.]+)\\s+COLLATE\\s+NOCASE\\b", "lower(\\1)");
    replaceAll(s, "\\bLIKE\\b", "ILIKE");
    replaceAll(s, "\\bIS\\s+NOT\\s+\\?", "IS DISTINCT FROM ?");
    replaceAll(s, "\\bIS\\s+\\?", "IS NOT DISTINCT FROM ?");
    replaceAll(s, "([\\s(,=])\\+([A-Za-z_]\\w*\\.[A-Za-z_]\\w*)", "\\1\\2");

    static const QRegularExpression returning(QStringLiteral("\\bRETURNING\\b"),
                                              QRegularExpression::CaseInsensitiveOption);
    const qsizetype ret = s.indexOf(returning);
    if (ignore) {
        if (ret >= 0)
            s.insert(ret, QStringLiteral("ON CONFLICT DO NOTHING "));
        else
            s += QStringLiteral(" ON CONFLICT DO NOTHING");
    }
    Statement out;
    static const QRegularExpression insert(QStringLiteral("^\\s*INSERT\\s+INTO\\s+(\\w+)"),
                                           QRegularExpression::CaseInsensitiveOption);
    if (const auto im = insert.match(s);
        ret < 0 && im.hasMatch() && idTables.contains(im.captured(1).toLower())) {
        s += QStringLiteral(" RETURNING id");
        out.returnsId = true;
    }
    out.sql = m.restore();
    return out;
}

QString ddlToPostgres(const QString &sqliteDdl)
{
    static const QRegularExpression noForm(
        QStringLiteral("^\\s*(CREATE\\s+TRIGGER|CREATE\\s+VIRTUAL\\s+TABLE|UPDATE)\\b"),
        QRegularExpression::CaseInsensitiveOption);
    if (sqliteDdl.contains(noForm))
        return {};
    Masked m(sqliteDdl);
    QString &s = m.text;
    replaceAll(s, "\\bid\\s+INTEGER\\s+PRIMARY\\s+KEY\\b",
               "id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
    replaceAll(s, "\\bINTEGER\\b", "BIGINT");
    // Deferrable, so that a copy of a whole database can load rows in any order
    // (server/dbcopy.h); checked at once otherwise, as in SQLite.
    replaceAll(
        s, "(\\bREFERENCES\\s+\\w+\\s*\\([^)]*\\)(?:\\s+ON\\s+DELETE\\s+(?:CASCADE|SET\\s+NULL))?)",
        "\\1 DEFERRABLE");
    replaceAll(s, "\\s*\\bWITHOUT\\s+ROWID\\b", "");
    return m.restore();
}

QSet<QString> idTablesOf(const QStringList &ddl)
{
    static const QRegularExpression table(
        QStringLiteral("^\\s*CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\\w+)\\s*\\(\\s*id\\s+"
                       "INTEGER\\s+PRIMARY\\s+KEY\\b"),
        QRegularExpression::CaseInsensitiveOption);
    QSet<QString> out;
    for (const QString &stmt : ddl)
        if (const auto m = table.match(stmt); m.hasMatch())
            out.insert(m.captured(1).toLower());
    return out;
}

} // namespace hd::pg
