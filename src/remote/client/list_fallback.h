// What libvirt's clients do when a server lacks the CONNECT_LIST_ALL_* procedures (census §5.2):
// list names/ids with the old NUM_OF/LIST calls, look each object up, and apply the listing
// flags on the client with one query per object and filter.
#pragma once

#include <vector>

#include "driver/domain_lifecycle_ops.h"
#include "driver/network_ops.h"
#include "driver/storage_ops.h"
#include "remote/client/channel.h"

namespace nodevirt::remote {

// Which halves of an active/inactive split a listing wants: neither bit set means both.
class ListFilter {
  public:
    ListFilter(unsigned flags, unsigned active_bit, unsigned inactive_bit)
        : flags_(flags), active_bit_(active_bit), inactive_bit_(inactive_bit) {}
    // Domains: VIR_CONNECT_LIST_DOMAINS_ACTIVE / _INACTIVE.
    explicit ListFilter(unsigned flags);

    [[nodiscard]] bool wantActive() const { return !split() || (flags_ & active_bit_) != 0; }
    [[nodiscard]] bool wantInactive() const { return !split() || (flags_ & inactive_bit_) != 0; }

    // The remaining domain flags (persistence, state, managed save, autostart, snapshots).
    Result<std::vector<driver::DomainRef>> applyDomainFilters(driver::DomainLifecycleOps& ops,
                                                              std::vector<driver::DomainRef> refs);
    // Persistence and autostart for networks and pools (pool type bits are refused).
    Result<std::vector<driver::NetworkRef>> applyNetworkFilters(driver::NetworkOps& ops,
                                                                std::vector<driver::NetworkRef> refs);
    Result<std::vector<driver::StoragePoolRef>> applyPoolFilters(
        driver::StorageOps& ops, std::vector<driver::StoragePoolRef> refs);

    // Domain snapshot counts need the channel (the snapshot facet is separate).
    void setChannel(Channel* ch) { ch_ = ch; }

  private:
    [[nodiscard]] bool split() const { return (flags_ & (active_bit_ | inactive_bit_)) != 0; }

    unsigned flags_;
    unsigned active_bit_;
    unsigned inactive_bit_;
    Channel* ch_ = nullptr;
};

}  // namespace nodevirt::remote
