// The one-line text virsh prints for each domain event ("event 'lifecycle' for domain 'vm':
// Started Booted"), and the event names in event-id order.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nodevirt/events.h"

namespace nodevirt::cli {

// Names of the domain event ids ("lifecycle", "reboot", ...), index = event id.
const std::vector<std::string_view>& domainEventNames();
std::optional<int> domainEventId(std::string_view name);

// "Started" / "Booted" for a lifecycle event.
std::string_view lifecycleEventName(int event);
std::string_view lifecycleDetailName(int event, int detail);

// The line for one event (with its trailing newline).
std::string formatDomainEvent(const DomainEvent& ev);

}  // namespace nodevirt::cli
