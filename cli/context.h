// The state a command runs against: output streams, global flags (-q, -r, --json), the
// hypervisor connection, and the pending library error that the shell prints after a failed
// command (virsh prints its own context line first, then the library's message).
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include "nodevirt/connection.h"
#include "nodevirt/error.h"

namespace nodevirt::cli {

class CommandRegistry;

struct GlobalFlags {
    bool quiet = false;     // -q: no informational messages, headers or blank lines
    bool readonly = false;  // -r
    bool json = false;      // --json: machine-readable output where supported
    bool timing = false;    // -t
    bool interactive = false;
    int debug_level = -1;
    std::string log_file;
    std::string escape = "^]";
    int keepalive_interval = -1;
    int keepalive_count = -1;
};

class Context {
public:
    Context(std::ostream& out, std::ostream& err, const CommandRegistry& registry);
    ~Context() = default;
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;

    GlobalFlags& flags() { return flags_; }
    [[nodiscard]] const GlobalFlags& flags() const { return flags_; }
    [[nodiscard]] const CommandRegistry& registry() const { return registry_; }

    // --- output
    void print(std::string_view text);       // always printed
    void printExtra(std::string_view text);  // informational: suppressed by -q
    void printErr(std::string_view text);    // raw text on stderr
    void error(std::string_view message);    // "error: MESSAGE" on stderr
    std::ostream& out() { return out_; }
    // Marks that the current command printed a JSON document (no blank line after it).
    void markJsonEmitted() { json_emitted_ = true; }
    void resetJsonEmitted() { json_emitted_ = false; }
    [[nodiscard]] bool jsonEmitted() const { return json_emitted_; }

    // --- the library error a failed command leaves for the shell to report
    void setLastError(Error e) { last_error_ = std::move(e); }
    void clearLastError() { last_error_.reset(); }
    [[nodiscard]] const std::optional<Error>& lastError() const { return last_error_; }
    // Prints the pending library error (if any) and clears it.
    void reportLastError();

    // --- the connection (invalid until connect succeeds)
    [[nodiscard]] const Connection& conn() const { return conn_; }
    void setConnection(Connection conn) { conn_ = std::move(conn); }
    void closeConnection() { conn_.close(); }
    // The URI given with -c / connect (empty: the library's default).
    std::string& requestedUri() { return uri_; }

    // --- interactive state
    bool& exitRequested() { return exit_requested_; }

private:
    std::ostream& out_;
    std::ostream& err_;
    const CommandRegistry& registry_;
    GlobalFlags flags_;
    std::optional<Error> last_error_;
    Connection conn_;
    std::string uri_;
    bool exit_requested_ = false;
    bool json_emitted_ = false;
};

}  // namespace nodevirt::cli
