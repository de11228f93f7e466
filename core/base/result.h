// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace hd {

/// Why an operation failed, for callers that react differently (CLI exit codes, HTTP status).
enum class ErrorCode {
    None,
    InvalidArgument, ///< malformed input: bad date, unknown status name, hostile file name
    NotFound, ///< unknown id
    Conflict, ///< not allowed in the current state: forbidden transition, closed ticket
    TooLarge, ///< over a size limit
    Storage, ///< the database or the file system failed
    Internal,
};

/// An error with a message meant for the user (already translated where it reaches one).
struct Error
{
    ErrorCode code = ErrorCode::Internal;
    QString message;
};

/// A value or an error. Small and explicit, in the spirit of std::expected (C++23).
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_value(std::move(value))
    { }
    Result(Error error)
        : m_error(std::move(error))
    { }
    static Result failure(ErrorCode code, QString message)
    {
        return Error{code, std::move(message)};
    }

    [[nodiscard]] bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] const T &value() const & { return *m_value; }
    [[nodiscard]] T &value() & { return *m_value; }
    [[nodiscard]] T &&value() && { return std::move(*m_value); }
    /// The value, or fallback on failure (as std::optional::value_or).
    [[nodiscard]] T value_or(T fallback) const { return m_value ? *m_value : std::move(fallback); }
    const T *operator->() const { return &*m_value; }
    T *operator->() { return &*m_value; }
    const T &operator*() const { return *m_value; }
    [[nodiscard]] const Error &error() const { return m_error; }
    [[nodiscard]] QString errorMessage() const { return m_error.message; }
    [[nodiscard]] ErrorCode errorCode() const { return ok() ? ErrorCode::None : m_error.code; }

private:
    std::optional<T> m_value;
    Error m_error;
};

/// Result of an operation that returns nothing on success.
template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error)
        : m_failed(true)
        , m_error(std::move(error))
    { }
    static Result failure(ErrorCode code, QString message)
    {
        return Error{code, std::move(message)};
    }

    [[nodiscard]] bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] const Error &error() const { return m_error; }
    [[nodiscard]] QString errorMessage() const { return m_error.message; }
    [[nodiscard]] ErrorCode errorCode() const { return ok() ? ErrorCode::None : m_error.code; }

private:
    bool m_failed = false;
    Error m_error;
};

} // namespace hd
