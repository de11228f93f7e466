// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSet>
#include <QStringList>

#include <vector>

namespace hd::schema {

/// Forward migrations: migrations()[i] takes the schema from version i to i + 1 (PRAGMA
/// user_version). Never edit a released migration; append a new one.
const std::vector<std::vector<const char *>> &migrations();

/// The same migrations for a PostgreSQL database (core/storage/schemapg.cpp): the tables and
/// indexes of migrations() rewritten by pg::ddlToPostgres(), plus PL/pgSQL triggers and tsvector
/// search tables where SQLite has triggers and FTS5 tables. Same length as migrations().
const std::vector<QStringList> &postgresMigrations();
/// Tables with an "id INTEGER PRIMARY KEY" column (PostgreSQL returns their new ids).
QSet<QString> tablesWithId();

} // namespace hd::schema
