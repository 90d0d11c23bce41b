// Secrets: connection-level listing/lookup/define and the Secret handle (virSecret*).
#include "nodevirt/secret.h"

#include "client/checks.h"
#include "nodevirt/connection.h"

namespace nodevirt {

using client::call;
using client::callConn;
using client::kRead;
using client::kWrite;
using detail::ConnectionState;
using detail::HandleAccess;
using Ref = driver::SecretRef;

namespace {
constexpr const client::Family& kFam = client::kSecretFamily;
constexpr ErrorDomain kErrDom = ErrorDomain::kSecret;

driver::SecretOps& ops(ConnectionState& st) { return st.driver().secrets(); }
auto makeSecret() {
    return [](const detail::StatePtr& s, const Ref& r) { return HandleAccess::secret(s, r); };
}
}  // namespace

// --- on a Connection

Result<std::vector<Secret>> Connection::listAllSecrets(unsigned flags) const {
    return callConn(state_, kFam, "virConnectListAllSecrets", kRead, [&](ConnectionState& st) {
        return client::wrapList<Secret>(state_, ops(st).listAll(flags), makeSecret());
    });
}

Result<int> Connection::numOfSecrets() const {
    return callConn(state_, kFam, "virConnectNumOfSecrets", kRead,
                    [](ConnectionState& st) { return ops(st).numOfSecrets(); });
}

Result<std::vector<std::string>> Connection::listSecrets(int max) const {
    constexpr std::string_view kApi = "virConnectListSecrets";
    return callConn(state_, kFam, kApi, kRead,
                    [&](ConnectionState& st) -> Result<std::vector<std::string>> {
                        if (max < 0) return fail(client::argNonNegative(kApi, "maxuuids", kErrDom));
                        return ops(st).listSecrets(max);
                    });
}

Result<Secret> Connection::lookupSecretByUuid(const Uuid& uuid) const {
    return callConn(state_, kFam, "virSecretLookupByUUID", kRead, [&](ConnectionState& st) {
        return client::wrap(state_, ops(st).lookupByUuid(uuid), makeSecret());
    });
}

Result<Secret> Connection::lookupSecretByUuidString(std::string_view uuid) const {
    constexpr std::string_view kApi = "virSecretLookupByUUIDString";
    return callConn(state_, kFam, kApi, kRead, [&](ConnectionState& st) -> Result<Secret> {
        auto parsed = Uuid::parse(uuid);
        if (!parsed) return fail(client::argInvalidUuid(kApi, kErrDom));
        return client::wrap(state_, ops(st).lookupByUuid(*parsed), makeSecret());
    });
}

Result<Secret> Connection::lookupSecretByUsage(int usage_type, const std::string& usage_id) const {
    return callConn(state_, kFam, "virSecretLookupByUsage", kRead, [&](ConnectionState& st) {
        return client::wrap(state_, ops(st).lookupByUsage(usage_type, usage_id), makeSecret());
    });
}

Result<Secret> Connection::defineSecretXml(const std::string& xml, unsigned flags) const {
    return callConn(state_, kFam, "virSecretDefineXML", kWrite, [&](ConnectionState& st) {
        return client::wrap(state_, ops(st).defineXml(xml, flags), makeSecret());
    });
}

// --- Secret

Connection Secret::connection() const { return HandleAccess::connection(conn_); }

Result<std::string> Secret::xmlDesc(unsigned flags) const {
    return call(
        *this, kFam, "virSecretGetXMLDesc", kRead,
        [&](ConnectionState& st, const Ref& ref) { return ops(st).getXmlDesc(ref, flags); });
}

Status Secret::setValue(const std::string& value, unsigned flags) const {
    return call(*this, kFam, "virSecretSetValue", kWrite, [&](ConnectionState& st, const Ref& ref) {
        return ops(st).setValue(ref, value, flags);
    });
}

Result<std::string> Secret::value(unsigned flags) const {
    // A client of the library is never "internal": private secrets stay private.
    return call(*this, kFam, "virSecretGetValue", kWrite, [&](ConnectionState& st, const Ref& ref) {
        return ops(st).getValue(ref, flags, false);
    });
}

Status Secret::undefine() const {
    return call(*this, kFam, "virSecretUndefine", kWrite,
                [](ConnectionState& st, const Ref& ref) { return ops(st).undefine(ref); });
}

}  // namespace nodevirt
