// The checks libvirt's client library makes before a call reaches a driver: a valid handle,
// write access for mutating calls on read-only connections, and argument sanity. Error
// codes, domains and wording match libvirt's so callers (and the CLI) print the same text.
#pragma once

#include <string_view>
#include <type_traits>
#include <utility>

#include "client/connection_state.h"
#include "client/handle_access.h"
#include "util/result.h"

namespace nodevirt::client {

enum class Access { kRead, kWrite };
inline constexpr Access kRead = Access::kRead;
inline constexpr Access kWrite = Access::kWrite;

// Which error an invalid handle of a family raises, and the error domain of read-only denials
// for that family's calls.
struct Family {
    ErrorCode invalid_code;
    ErrorDomain invalid_domain;
    ErrorDomain ro_domain;
};
inline constexpr Family kConnFamily{ErrorCode::kInvalidConn, ErrorDomain::kNone,
                                    ErrorDomain::kNone};
inline constexpr Family kDomainFamily{ErrorCode::kInvalidDomain, ErrorDomain::kDom,
                                      ErrorDomain::kDomain};
inline constexpr Family kSnapshotFamily{ErrorCode::kInvalidDomainSnapshot,
                                        ErrorDomain::kDomainSnapshot, ErrorDomain::kDomainSnapshot};
inline constexpr Family kNetworkFamily{ErrorCode::kInvalidNetwork, ErrorDomain::kNetwork,
                                       ErrorDomain::kNetwork};
inline constexpr Family kPoolFamily{ErrorCode::kInvalidStoragePool, ErrorDomain::kStorage,
                                    ErrorDomain::kStorage};
inline constexpr Family kVolumeFamily{ErrorCode::kInvalidStorageVol, ErrorDomain::kStorage,
                                      ErrorDomain::kStorage};
inline constexpr Family kNodeDeviceFamily{ErrorCode::kInvalidNodeDevice, ErrorDomain::kNodedev,
                                          ErrorDomain::kNodedev};
inline constexpr Family kSecretFamily{ErrorCode::kInvalidSecret, ErrorDomain::kSecret,
                                      ErrorDomain::kSecret};
inline constexpr Family kInterfaceFamily{ErrorCode::kInvalidInterface, ErrorDomain::kInterface,
                                         ErrorDomain::kInterface};

// "invalid domain pointer in virDomainGetInfo"
Error invalidHandle(const Family& family, std::string_view api);
// "operation forbidden: read only access prevents virDomainDestroy"
Error readOnlyDenied(std::string_view api, ErrorDomain domain);
// "operation forbidden: virDomainGetXMLDesc with secure flag"
Error secureFlagDenied(std::string_view api, ErrorDomain domain);
Status checkWritable(const detail::ConnectionState& state, std::string_view api,
                     ErrorDomain domain);

// libvirt's argument checks: "<arg> in <api> <rule>", VIR_ERR_INVALID_ARG, str1 = api.
Error invalidArgument(std::string_view api, std::string_view arg, std::string_view rule,
                      ErrorDomain domain);
inline Error argNotZero(std::string_view api, std::string_view arg, ErrorDomain d) {
    return invalidArgument(api, arg, "must not be zero", d);
}
inline Error argNonNegative(std::string_view api, std::string_view arg, ErrorDomain d) {
    return invalidArgument(api, arg, "must be zero or greater", d);
}
inline Error argPositive(std::string_view api, std::string_view arg, ErrorDomain d) {
    return invalidArgument(api, arg, "must be greater than zero", d);
}
inline Error argNotNull(std::string_view api, std::string_view arg, ErrorDomain d) {
    return invalidArgument(api, arg, "must not be NULL", d);
}
inline Error argNull(std::string_view api, std::string_view arg, ErrorDomain d) {
    return invalidArgument(api, arg, "must be NULL", d);
}
// "string new_name in virDomainRename must not be empty"
Error argNotEmpty(std::string_view api, std::string_view arg, ErrorDomain d);
// "uuidstr in virNetworkLookupByUUIDString must be a valid UUID"
Error argInvalidUuid(std::string_view api, ErrorDomain d);

// libvirt has both virDomainDestroy and virDomainDestroyFlags; the name a caller sees in
// errors is the one a C client would have called: the Flags variant only when flags are set.
constexpr std::string_view flagsApi(unsigned flags, std::string_view plain,
                                    std::string_view with_flags) {
    return flags != 0 ? with_flags : plain;
}

// Runs one call on a handle: rejects an invalid handle and, for kWrite, a read-only
// connection; then `fn(state, ref)` talks to the driver.
template <typename Handle, typename Fn>
auto call(const Handle& h, const Family& family, std::string_view api, Access access, Fn&& fn)
    -> decltype(fn(std::declval<detail::ConnectionState&>(), detail::HandleAccess::ref(h))) {
    const auto& state = detail::HandleAccess::state(h);
    if (!state) return fail(invalidHandle(family, api));
    if (access == kWrite) {
        if (auto st = checkWritable(*state, api, family.ro_domain); !st) return fail(st.error());
    }
    return fn(*state, detail::HandleAccess::ref(h));
}

// The same for connection-level calls: `fn(state)`.
template <typename Fn>
auto callConn(const detail::StatePtr& state, const Family& family, std::string_view api,
              Access access, Fn&& fn) -> decltype(fn(std::declval<detail::ConnectionState&>())) {
    if (!state) return fail(invalidHandle(kConnFamily, api));
    if (access == kWrite) {
        if (auto st = checkWritable(*state, api, family.ro_domain); !st) return fail(st.error());
    }
    return fn(*state);
}

// Maps a driver Result<Ref> to Result<Handle> with `make(state, ref)`.
template <typename Ref, typename Make>
auto wrap(const detail::StatePtr& state, Result<Ref> r, Make make)
    -> Result<decltype(make(state, *r))> {
    if (!r) return fail(std::move(r).error());
    return make(state, *r);
}

// The same for a list of refs.
template <typename Handle, typename Ref, typename Make>
Result<std::vector<Handle>> wrapList(const detail::StatePtr& state, Result<std::vector<Ref>> r,
                                     Make make) {
    if (!r) return fail(std::move(r).error());
    return detail::HandleAccess::wrapAll<Handle>(state, *r, make);
}

}  // namespace nodevirt::client
