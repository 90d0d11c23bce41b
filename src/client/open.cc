#include "client/open.h"

#include <unistd.h>

#include <array>
#include <cstdlib>
#include <memory>

#include "client/connection_state.h"
#include "client/handle_access.h"

namespace nodevirt::client {
namespace {

// Drivers libnodevirt runs inside the calling process; every other driver lives in a daemon.
constexpr std::array<std::string_view, 1> kInProcessDrivers = {"test"};

std::string envOrEmpty(const char* name) {
    const char* v = std::getenv(name);  // NOLINT(concurrency-mt-unsafe): read-only use
    return v ? std::string(v) : std::string();
}

}  // namespace

Route chooseRoute(const driver::Uri& uri) {
    if (uri.isRemote()) return Route::kRemote;
    for (auto name : kInProcessDrivers) {
        if (uri.driver == name) return Route::kInProcess;
    }
    return Route::kRemote;
}

std::string defaultUri() {
    for (const char* var : {"NODEVIRT_DEFAULT_URI", "LIBVIRT_DEFAULT_URI"}) {
        std::string v = envOrEmpty(var);
        if (!v.empty()) return v;
    }
    return geteuid() == 0 ? "qemu:///system" : "qemu:///session";
}

Result<Connection> openConnection(DriverSet& drivers, std::string_view uri_text, OpenFlags flags) {
    // No URI and no default configured: like libvirt, the remote driver connects the default
    // daemon socket and lets the daemon pick its driver (census §2.4); it receives a Uri with
    // an empty scheme for that case.
    driver::Uri uri;
    bool no_uri = uri_text.empty() && envOrEmpty("NODEVIRT_DEFAULT_URI").empty() &&
                  envOrEmpty("LIBVIRT_DEFAULT_URI").empty() && !drivers.remote.names().empty();
    if (!no_uri) {
        std::string text = uri_text.empty() ? defaultUri() : std::string(uri_text);
        NODEVIRT_ASSIGN_OR_RETURN(uri, driver::Uri::parse(text));
    }
    bool read_only = hasFlag(flags, OpenFlags::kReadOnly);
    unsigned driver_flags = read_only ? driver::kOpenReadOnly : 0;
    driver::Registry& registry =
        chooseRoute(uri) == Route::kInProcess ? drivers.in_process : drivers.remote;
    NODEVIRT_ASSIGN_OR_RETURN(driver::ConnectionPtr conn, registry.open(uri, driver_flags));

    auto state = std::make_shared<detail::ConnectionState>(std::move(conn), read_only);
    // The close handler must not keep the state alive: it holds the dispatcher (safe after
    // teardown, posts are then ignored) and a weak reference to the state.
    std::weak_ptr<detail::ConnectionState> weak = state;
    std::shared_ptr<EventDispatcher> dispatcher = state->dispatcher();
    state->driver().setCloseHandler([weak, dispatcher](int reason) {
        dispatcher->post([weak, reason] {
            if (auto st = weak.lock()) st->runCloseCallback(reason);
        });
    });
    return detail::HandleAccess::connection(std::move(state));
}

DriverSet& defaultDriverSet() {
    // Built once, thread-safely, on the first open; lives for the whole process.
    static DriverSet* set = [] {
        auto* s =
            new DriverSet();  // NOLINT(cppcoreguidelines-owning-memory): intentionally never freed
        installDefaultDrivers(*s);
        return s;
    }();
    return *set;
}

}  // namespace nodevirt::client
