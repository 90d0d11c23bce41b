// Shorthands shared by the domain and snapshot implementation files: facet accessors and
// pickApi (= flagsApi, the "plain or Flags variant" API name).
#pragma once

#include <string_view>

#include "client/checks.h"

namespace nodevirt::client {

inline driver::DomainLifecycleOps& lifecycle(detail::ConnectionState& st) {
    return st.driver().domainLifecycle();
}
inline driver::DomainConfigOps& config(detail::ConnectionState& st) {
    return st.driver().domainConfig();
}
inline driver::DomainDeviceOps& devices(detail::ConnectionState& st) {
    return st.driver().domainDevices();
}
inline driver::DomainStatsOps& stats(detail::ConnectionState& st) {
    return st.driver().domainStats();
}
inline driver::DomainSnapshotOps& snapshots(detail::ConnectionState& st) {
    return st.driver().domainSnapshots();
}

constexpr std::string_view pickApi(unsigned flags, std::string_view plain,
                                   std::string_view with_flags) {
    return flagsApi(flags, plain, with_flags);
}

}  // namespace nodevirt::client
