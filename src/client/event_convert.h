// Turns the events a driver publishes (driver refs, driver payload types) into the public
// event values (handles bound to the connection). Used on the dispatch thread.
#pragma once

#include "client/handle_access.h"
#include "driver/events.h"
#include "nodevirt/events.h"

namespace nodevirt::client {

DomainEvent toPublic(const detail::StatePtr& state, const driver::DomainEvent& ev);
NetworkEvent toPublic(const detail::StatePtr& state, const driver::NetworkEvent& ev);
StoragePoolEvent toPublic(const detail::StatePtr& state, const driver::StoragePoolEvent& ev);
NodeDeviceEvent toPublic(const detail::StatePtr& state, const driver::NodeDeviceEvent& ev);
SecretEvent toPublic(const detail::StatePtr& state, const driver::SecretEvent& ev);

}  // namespace nodevirt::client
