// Secrets (virSecret*). Values are bytes; reading a private secret's value remotely is
// refused by the server. Defaults: "not supported".
#pragma once

#include <string>
#include <vector>

#include "driver/types.h"
#include "driver/unsupported.h"

namespace nodevirt::driver {

class SecretOps {
public:
    virtual ~SecretOps() = default;
    static constexpr ErrorDomain kDom = ErrorDomain::kSecret;

    virtual Result<std::vector<SecretRef>> listAll(unsigned /*flags*/) {
        return unsupported("virConnectListAllSecrets", kDom);
    }
    virtual Result<int> numOfSecrets() { return unsupported("virConnectNumOfSecrets", kDom); }
    virtual Result<std::vector<std::string>> listSecrets(int /*max*/) {
        return unsupported("virConnectListSecrets", kDom);
    }
    virtual Result<SecretRef> lookupByUuid(const Uuid& /*uuid*/) { return unsupported("virSecretLookupByUUID", kDom); }
    virtual Result<SecretRef> lookupByUsage(int /*usage_type*/, const std::string& /*usage_id*/) {
        return unsupported("virSecretLookupByUsage", kDom);
    }
    virtual Result<SecretRef> defineXml(const std::string& /*xml*/, unsigned /*flags*/) {
        return unsupported("virSecretDefineXML", kDom);
    }
    virtual Result<std::string> getXmlDesc(const SecretRef& /*secret*/, unsigned /*flags*/) {
        return unsupported("virSecretGetXMLDesc", kDom);
    }
    virtual Status setValue(const SecretRef& /*secret*/, const std::string& /*value*/, unsigned /*flags*/) {
        return unsupported("virSecretSetValue", kDom);
    }
    // `internal` is true only for in-daemon callers; remote callers may not read private values.
    virtual Result<std::string> getValue(const SecretRef& /*secret*/, unsigned /*flags*/, bool /*internal*/) {
        return unsupported("virSecretGetValue", kDom);
    }
    virtual Status undefine(const SecretRef& /*secret*/) { return unsupported("virSecretUndefine", kDom); }
};

}  // namespace nodevirt::driver
