// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/storage/bulkwriter.h"

#include "core/base/logging.h"
#include "core/storage/batchinsert.h"

#include <QCoreApplication>
#include <QSqlDriver>
#include <QSqlQuery>

#if defined(HELPDESK_HAVE_SQLITE3)
#include <sqlite3.h>
#if defined(Q_OS_UNIX)
#include <dlfcn.h>
#endif
#endif

namespace hd {

namespace {
Error writeError(const QString &detail)
{
    // The same wording (and translation) as Database's own statement errors.
    return Error{
        ErrorCode::Storage,
        QCoreApplication::translate("hd::Database", "Database error while %1: %2")
            .arg(QCoreApplication::translate("hd::Database", "running a statement"), detail)};
}
} // namespace

void appendUtf8(QStringView s, QByteArray *out)
{
    // UTF-8 takes at most three bytes per UTF-16 unit.
    const qsizetype start = out->size();
    out->resize(start + s.size() * 3);
    char *p = out->data() + start;
    const char16_t *in = s.utf16();
    const qsizetype n = s.size();
    qsizetype i = 0;
    while (i < n) {
        const char16_t c = in[i];
        if (c < 0x80) {
            *p++ = char(c);
            ++i;
            continue;
        }
        if (c >= 0xAC00 && c <= 0xD7A3) { // Hangul syllables: most of a Korean text
            *p++ = char(0xE0 | (c >> 12));
            *p++ = char(0x80 | ((c >> 6) & 0x3F));
            *p++ = char(0x80 | (c & 0x3F));
            ++i;
            continue;
        }
        // Anything else through Qt (surrogate pairs, lone surrogates), a run at a time.
        qsizetype j = i + 1;
        while (j < n && in[j] >= 0x80 && !(in[j] >= 0xAC00 && in[j] <= 0xD7A3))
            ++j;
        const QByteArray other = s.sliced(i, j - i).toUtf8();
        const qsizetype done = p - out->data();
        if (done + other.size() > out->size())
            out->resize(done + other.size() + (n - j) * 3);
        p = out->data() + done;
        memcpy(p, other.constData(), size_t(other.size()));
        p += other.size();
        i = j;
    }
    out->resize(p - out->data());
}

void RowBuffer::text(QStringView s)
{
    beginText();
    appendUtf8(s, &m_text);
    endText();
}

void RowBuffer::addToColumn(int column, qint64 delta)
{
    for (size_t i = size_t(column); i < m_cells.size(); i += size_t(m_columns))
        if (m_cells[i].type == Cell::Integer)
            m_cells[i].value += delta;
}

struct BulkInserter::Statement
{
#if defined(HELPDESK_HAVE_SQLITE3)
    sqlite3_stmt *stmt = nullptr;
    ~Statement()
    {
        sqlite3_finalize(stmt);
    }
#endif
};

BulkInserter::BulkInserter(QSqlDatabase connection)
    : m_db(std::move(connection))
{
#if defined(HELPDESK_HAVE_SQLITE3)
    if (directAvailable(m_db))
        m_handle = *static_cast<sqlite3 *const *>(m_db.driver()->handle().constData());
#endif
}

BulkInserter::~BulkInserter() = default;

bool BulkInserter::directAvailable(const QSqlDatabase &connection)
{
#if defined(HELPDESK_HAVE_SQLITE3) && defined(Q_OS_UNIX)
    if (qEnvironmentVariableIntValue("HELPDESK_SQLITE_QT") == 1)
        return false;
    QSqlDriver *driver = connection.driver();
    if (!driver || !connection.isOpen())
        return false;
    const QVariant handle = driver->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0
        || !*static_cast<sqlite3 *const *>(handle.constData()))
        return false;
    // The handle is only ours to use when the driver was built against this very library: the
    // object holding the driver's code must resolve sqlite3_step to the function we call. A
    // plugin with a private copy of SQLite (Qt's own binary packages) resolves nothing.
    Dl_info info{};
    if (!dladdr(*reinterpret_cast<void *const *>(driver), &info) || !info.dli_fname)
        return false;
    void *object = dlopen(info.dli_fname, RTLD_LAZY | RTLD_NOLOAD);
    if (!object)
        return false;
    void *const step = dlsym(object, "sqlite3_step");
    dlclose(object);
    return step == reinterpret_cast<void *>(&sqlite3_step);
#else
    Q_UNUSED(connection);
    return false;
#endif
}

Result<void> BulkInserter::insert(const QString &head, const RowBuffer &rows, int rowsPerStatement)
{
    if (rows.isEmpty())
        return {};
    return m_handle ? insertDirect(head, rows, qMax(1, rowsPerStatement)) : insertQt(head, rows);
}

void *BulkInserter::statement(const QString &head, int columns, int rows, QString *error)
{
#if defined(HELPDESK_HAVE_SQLITE3)
    const QString key = head + QLatin1Char('#') + QString::number(rows);
    std::shared_ptr<Statement> &s = m_statements[key];
    if (!s) {
        QString one = QStringLiteral("(?");
        for (int c = 1; c < columns; ++c)
            one += QStringLiteral(",?");
        one += QLatin1Char(')');
        QString sql = head + QStringLiteral(" VALUES ") + one;
        for (int r = 1; r < rows; ++r)
            sql += QLatin1Char(',') + one;
        auto made = std::make_shared<Statement>();
        auto *db = static_cast<sqlite3 *>(m_handle);
        if (sqlite3_prepare_v3(db, sql.toUtf8().constData(), -1, SQLITE_PREPARE_PERSISTENT,
                               &made->stmt, nullptr)
            != SQLITE_OK) {
            *error = QString::fromUtf8(sqlite3_errmsg(db));
            m_statements.remove(key);
            return nullptr;
        }
        s = made;
    }
    return s->stmt;
#else
    Q_UNUSED(head);
    Q_UNUSED(columns);
    Q_UNUSED(rows);
    *error = QStringLiteral("SQLite C API not available");
    return nullptr;
#endif
}

Result<void> BulkInserter::insertDirect(const QString &head, const RowBuffer &rows,
                                        int rowsPerStatement)
{
#if defined(HELPDESK_HAVE_SQLITE3)
    auto *db = static_cast<sqlite3 *>(m_handle);
    const int columns = rows.columns();
    const qsizetype total = rows.rows();
    for (qsizetype r = 0; r < total;) {
        const int n = int(qMin<qsizetype>(rowsPerStatement, total - r));
        QString error;
        auto *stmt = static_cast<sqlite3_stmt *>(statement(head, columns, n, &error));
        if (!stmt)
            return writeError(error);
        int param = 1;
        for (const qsizetype end = r + n; r < end; ++r) {
            for (int c = 0; c < columns; ++c, ++param) {
                const RowBuffer::Cell &cell = rows.cell(r, c);
                switch (cell.type) {
                case RowBuffer::Cell::Null:
                    sqlite3_bind_null(stmt, param);
                    break;
                case RowBuffer::Cell::Integer:
                    sqlite3_bind_int64(stmt, param, cell.value);
                    break;
                case RowBuffer::Cell::Text:
                    sqlite3_bind_text(stmt, param, rows.textData(cell), cell.length, SQLITE_STATIC);
                    break;
                }
            }
        }
        const int rc = sqlite3_step(stmt);
        sqlite3_reset(stmt);
        if (rc != SQLITE_DONE) {
            const QString message = QString::fromUtf8(sqlite3_errmsg(db));
            sqlite3_clear_bindings(stmt);
            qCWarning(lcStorage) << "bulk insert failed:" << message << head;
            return writeError(message);
        }
        if (n > 1 || r == total)
            sqlite3_clear_bindings(stmt); // no pointer into the rows outlives them
    }
    return {};
#else
    Q_UNUSED(head);
    Q_UNUSED(rows);
    Q_UNUSED(rowsPerStatement);
    return writeError(QStringLiteral("SQLite C API not available"));
#endif
}

Result<void> BulkInserter::insertQt(const QString &head, const RowBuffer &rows)
{
    const int columns = rows.columns();
    BatchInsert batch(m_db, head + QStringLiteral(" VALUES"), columns,
                      qMax(1, qMin(50, 999 / columns)));
    QVariantList row;
    for (qsizetype r = 0; r < rows.rows(); ++r) {
        row.clear();
        for (int c = 0; c < columns; ++c) {
            const RowBuffer::Cell &cell = rows.cell(r, c);
            switch (cell.type) {
            case RowBuffer::Cell::Null:
                row << QVariant();
                break;
            case RowBuffer::Cell::Integer:
                row << QVariant(qint64(cell.value));
                break;
            case RowBuffer::Cell::Text:
                row << QVariant(QString::fromUtf8(rows.textData(cell), cell.length));
                break;
            }
        }
        if (!batch.add(row))
            return writeError(batch.error);
    }
    if (!batch.flush())
        return writeError(batch.error);
    return {};
}

} // namespace hd
