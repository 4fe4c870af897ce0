// Result<T>: the value of an operation that can fail on its input, or the message saying why.
// The core never throws and never aborts on data; failures travel as values (DESIGN.md §1).
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace vigie {

struct Error {
    std::string message;  // names the file, line or field at fault
};

template <class T>
class Result {
public:
    Result(T value) : v_(std::move(value)) {}            // NOLINT: implicit on purpose, like expected<T>
    Result(Error error) : v_(std::move(error)) {}        // NOLINT

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() & { return std::get<0>(v_); }
    const T& value() const& { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    const Error& error() const { return std::get<1>(v_); }

private:
    std::variant<T, Error> v_;
};

}  // namespace vigie
