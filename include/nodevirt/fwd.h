// Forward declarations of every public handle type, so headers can name each other without
// pulling the whole API in. Applications normally include "nodevirt/nodevirt.h" instead.
#pragma once

namespace nodevirt {

class Connection;
class Domain;
class DomainSnapshot;
class Network;
class StoragePool;
class StorageVolume;
class NodeDevice;
class Secret;
class Interface;
class Stream;

namespace detail {
// Implementation types of src/client; opaque to applications.
class ConnectionState;
class StreamState;
struct HandleAccess;
}  // namespace detail

}  // namespace nodevirt
