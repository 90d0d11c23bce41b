#include "cli/context.h"

#include <ostream>

namespace nodevirt::cli {

Context::Context(std::ostream& out, std::ostream& err, const CommandRegistry& registry)
    : out_(out), err_(err), registry_(registry) {}

void Context::print(std::string_view text) { out_ << text; }

void Context::printExtra(std::string_view text) {
    if (!flags_.quiet) out_ << text;
}

void Context::printErr(std::string_view text) {
    out_.flush();
    err_ << text;
    err_.flush();
}

void Context::error(std::string_view message) {
    out_.flush();
    err_ << "error: " << message << '\n';
    err_.flush();
}

void Context::reportLastError() {
    if (!last_error_) return;
    if (last_error_->code == ErrorCode::kOk) {
        error("unknown error");
    } else {
        error(last_error_->message);
    }
    last_error_.reset();
}

}  // namespace nodevirt::cli
