#pragma once
// Result<T>: a value or an Error. TRY propagates the error to the caller (GCC/Clang statement
// expressions), so fallible code reads top to bottom.

#include <cassert>
#include <utility>
#include <variant>

#include "core/error.hpp"

namespace trove {

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_state(std::move(value)) {}      // NOLINT(google-explicit-constructor)
    Result(Error error) : m_state(std::move(error)) {}  // NOLINT(google-explicit-constructor)

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    T& value() & {
        assert(ok());
        return std::get<T>(m_state);
    }
    const T& value() const& {
        assert(ok());
        return std::get<T>(m_state);
    }
    T&& value() && {
        assert(ok());
        return std::get<T>(std::move(m_state));
    }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const& {
        assert(!ok());
        return std::get<Error>(m_state);
    }
    Error&& error() && {
        assert(!ok());
        return std::get<Error>(std::move(m_state));
    }

private:
    std::variant<T, Error> m_state;
};

// Result<void>: success or an Error.
template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_failed(true) {}  // NOLINT

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    void value() const { assert(ok()); }
    const Error& error() const& {
        assert(!ok());
        return m_error;
    }
    Error&& error() && {
        assert(!ok());
        return std::move(m_error);
    }

private:
    Error m_error;
    bool m_failed = false;
};

}  // namespace trove

// Evaluates a Result expression; on error returns the error from the enclosing function, otherwise
// yields the value.
#define TRY(expr)                                        \
    ({                                                   \
        auto _trove_try_result = (expr);                 \
        if (!_trove_try_result.ok())                     \
            return std::move(_trove_try_result).error(); \
        std::move(_trove_try_result).value();            \
    })
