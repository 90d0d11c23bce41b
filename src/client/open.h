// How libnodevirt turns a URI into a connection: which drivers it may use (in-process or
// the remote driver), the one function that picks between them, and the default URI.
#pragma once

#include <string>
#include <string_view>

#include "driver/registry.h"
#include "driver/uri.h"
#include "nodevirt/connection.h"

namespace nodevirt::client {

// Connection drivers a process can open. `in_process` holds drivers that run inside the
// caller (test); `remote` holds the remote driver's factory, which talks to a daemon.
struct DriverSet {
    driver::Registry in_process;
    driver::Registry remote;
};

enum class Route { kInProcess, kRemote };

// The single routing decision, as libvirt's library makes it: a URI naming a transport or a
// host, or a driver that only runs inside a daemon (qemu, lxc, network, storage, ...), goes
// to the remote driver; the rest (test:///default, test:///PATH.xml) runs in-process.
Route chooseRoute(const driver::Uri& uri);

// The URI an empty open() uses: $NODEVIRT_DEFAULT_URI, then $LIBVIRT_DEFAULT_URI, then
// qemu:///system for root and qemu:///session for everyone else.
std::string defaultUri();

// Opens `uri` with the drivers of `drivers` (tests pass their own set).
Result<Connection> openConnection(DriverSet& drivers, std::string_view uri, OpenFlags flags);

// The process-wide driver set Connection::open uses, filled on first use by
// installDefaultDrivers() (default_drivers.cc).
DriverSet& defaultDriverSet();
void installDefaultDrivers(DriverSet& drivers);

}  // namespace nodevirt::client
