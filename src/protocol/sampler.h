// Test-only source of deterministic values for the generated sample builders. Mode 0 builds
// the smallest encoding of each struct (empty strings and lists, absent optionals, the
// smallest union arm), so it must encode to exactly kMinWireSize bytes; modes 1 and 2 fill
// lists with that many elements and vary every value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "util/uuid.h"

namespace nodevirt::protocol {

class Sampler {
  public:
    explicit Sampler(int mode) : mode_(mode), counter_(static_cast<uint64_t>(mode) * 7919U) {}

    [[nodiscard]] size_t listSize() const { return static_cast<size_t>(mode_); }
    [[nodiscard]] bool present() const { return mode_ != 0; }
    // Which union arm to fill: the smallest one in mode 0, otherwise rotating.
    size_t arm(size_t arms, size_t smallest) {
        return mode_ == 0 ? smallest : static_cast<size_t>(next() % arms);
    }

    int32_t i32() { return static_cast<int32_t>(next() * 2654435761U); }
    uint32_t u32() { return static_cast<uint32_t>(next() * 40503U); }
    int64_t i64() { return -static_cast<int64_t>(next() * 0x9E3779B97F4A7C15ULL >> 2); }
    uint64_t u64() { return next() * 0x9E3779B97F4A7C15ULL; }
    double f64() { return static_cast<double>(next()) / 8.0 - 3.25; }
    int8_t ch() { return static_cast<int8_t>(next() * 37U); }
    uint8_t uch() { return static_cast<uint8_t>(next() * 41U); }
    uint16_t ush() { return static_cast<uint16_t>(next() * 1009U); }

    // Text of varying length (to exercise padding); empty in mode 0.
    std::string str() {
        if (mode_ == 0) return {};
        return std::string(static_cast<size_t>(next() % 7), 'x') + "s" + std::to_string(next());
    }
    // Raw bytes including NUL and 0xff.
    std::string bytes() {
        if (mode_ == 0) return {};
        std::string b = str();
        b.push_back('\0');
        b.push_back('\xff');
        b.push_back(static_cast<char>(next()));
        return b;
    }
    // Text without NUL, at most `max_chars` long.
    std::string cstr(size_t max_chars) {
        std::string s = mode_ == 0 ? std::string() : "c" + std::to_string(next()) + "\xe9";
        if (s.size() > max_chars) s.resize(max_chars);
        return s;
    }
    Uuid uuid() {
        Uuid::Bytes b{};
        for (auto& byte : b) byte = static_cast<uint8_t>(next() * 131U);
        return Uuid(b);
    }

  private:
    uint64_t next() { return ++counter_; }

    int mode_;
    uint64_t counter_;
};

}  // namespace nodevirt::protocol
