// Per-client state of the procedure layer: the driver connection the client opened (shared
// with calls still running on workers, closed when the last of them lets go), the read-only
// mode, event registrations and the close-callback flag. One ClientSession per accepted
// client, stored as the rpc client's context; every member is thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "driver/connection.h"
#include "rpc/server_client.h"
#include "util/result.h"
#include "util/uuid.h"

namespace nodevirt::remote {

// An opened driver connection; closes it when destroyed (after the client left and every
// call using it finished).
class OpenConnection {
  public:
    explicit OpenConnection(driver::ConnectionPtr conn) : conn_(std::move(conn)) {}
    OpenConnection(const OpenConnection&) = delete;
    OpenConnection& operator=(const OpenConnection&) = delete;
    ~OpenConnection() { conn_->close(); }
    driver::Connection& get() { return *conn_; }

  private:
    driver::ConnectionPtr conn_;
};
using OpenConnectionPtr = std::shared_ptr<OpenConnection>;

// What an event registration subscribed to, for deregistration and duplicate checks.
enum class EventFamily { kDomain, kDomainLegacy, kNetwork, kStoragePool, kNodeDevice, kSecret };

struct EventRegistration {
    EventFamily family = EventFamily::kDomain;
    int event_id = 0;
    int driver_id = 0;                 // the id the driver's EventOps returned
    std::optional<std::string> filter;  // object filter (uuid text or device name)
};

class ClientSession {
  public:
    ClientSession(uint64_t client_id, bool socket_read_only)
        : client_id_(client_id), socket_read_only_(socket_read_only) {}

    [[nodiscard]] uint64_t clientId() const { return client_id_; }
    // Read-only socket, or opened with the read-only flag.
    [[nodiscard]] bool readOnly() const;
    [[nodiscard]] bool socketReadOnly() const { return socket_read_only_; }

    // The open connection, or null before CONNECT_OPEN / after CONNECT_CLOSE.
    [[nodiscard]] OpenConnectionPtr connection() const;
    [[nodiscard]] bool isOpen() const { return connection() != nullptr; }
    // Installs the connection unless one is open. libvirtd drops an open connection when a
    // second CONNECT_OPEN arrives ("connection already open"), and so does this.
    Status adopt(OpenConnectionPtr conn, bool read_only);
    // Drops registrations and the connection (CONNECT_CLOSE, disconnect).
    void closeConnection();

    // --- events (callback ids are unique per session, as clients need)
    int32_t nextCallbackId();
    // True if a registration of `family`/`event_id`/`filter` exists (libvirt refuses those).
    [[nodiscard]] bool hasRegistration(EventFamily family, int event_id,
                                       const std::optional<std::string>& filter) const;
    void addRegistration(int32_t callback_id, EventRegistration reg);
    // Removes and returns the registration (callback id for modern ones, event id for legacy).
    std::optional<EventRegistration> takeRegistration(EventFamily family, int32_t key);

    // --- close callback (CONNECT_REGISTER_CLOSE_CALLBACK)
    void setCloseCallback(bool registered);
    [[nodiscard]] bool closeCallbackRegistered() const;

  private:
    // Deregisters everything from `conn` (lock not held).
    static void dropRegistrations(OpenConnection& conn,
                                  std::map<int32_t, EventRegistration> regs);

    const uint64_t client_id_;
    const bool socket_read_only_;
    mutable std::mutex mutex_;
    OpenConnectionPtr conn_;
    bool open_read_only_ = false;
    bool close_callback_ = false;
    int32_t next_callback_id_ = 0;
    // Modern registrations by callback id; legacy ones keyed by event id in legacy_.
    std::map<int32_t, EventRegistration> registrations_;
    std::map<int32_t, EventRegistration> legacy_;
};

using SessionPtr = std::shared_ptr<ClientSession>;

}  // namespace nodevirt::remote
