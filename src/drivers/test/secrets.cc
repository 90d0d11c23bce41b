// SecretOps of the test driver: secrets and their values kept in memory, with libvirt's
// secret driver rules (usage uniqueness, private values, events). libvirt 9.0's test driver
// has no secrets at all; nodevirt offers them so that clients can be tested (see README.md).
#include <fmt/format.h>

#include "conf/secret/secret_xml.h"
#include "core/event_bus.h"
#include "driver/libvirt_constants.h"
#include "drivers/test/facets_infra.h"

namespace nodevirt::drivers::test {
namespace {

Error noSecretUuid(const Uuid& uuid) {
    return Error::make(ErrorCode::kNoSecret, ErrorDomain::kSecret,
                       fmt::format("no secret with matching uuid '{}'", uuid.toString()));
}

SecretRef refOf(const SecretObj& s) {
    return {s.uuid, static_cast<int>(s.def->usage_type), s.def->usage_id};
}

std::string usageText(const conf::SecretDef& def) {
    return fmt::format("{} {}", conf::secretUsageTypeName(def.usage_type), def.usage_id);
}

void secretEvent(core::PendingEvents& ev, const SecretRef& ref, int event_id, unsigned event) {
    driver::SecretEvent e;
    e.event_id = event_id;
    e.secret = ref;
    e.event = static_cast<int>(event);
    ev.add(std::move(e));
}

bool pairPasses(unsigned flags, unsigned yes, unsigned no, bool value) {
    bool want_yes = flags & yes, want_no = flags & no;
    return want_yes == want_no || value == want_yes;
}

}  // namespace

Result<std::vector<SecretRef>> TestSecrets::listAll(unsigned flags) {
    using namespace lv;
    NODEVIRT_TRY(checkFlags(flags, 0xf, "testConnectListAllSecrets"));
    std::lock_guard lock(ctx_.state().secrets_mutex);
    std::vector<SecretRef> out;
    for (const auto& s : ctx_.state().secrets) {
        if (pairPasses(flags, kConnectListSecretsEphemeral, kConnectListSecretsNoEphemeral, s.def->ephemeral) &&
            pairPasses(flags, kConnectListSecretsPrivate, kConnectListSecretsNoPrivate, s.def->is_private)) {
            out.push_back(refOf(s));
        }
    }
    return out;
}

Result<int> TestSecrets::numOfSecrets() {
    std::lock_guard lock(ctx_.state().secrets_mutex);
    return static_cast<int>(ctx_.state().secrets.size());
}

Result<std::vector<std::string>> TestSecrets::listSecrets(int max) {
    std::lock_guard lock(ctx_.state().secrets_mutex);
    std::vector<std::string> out;
    for (const auto& s : ctx_.state().secrets) {
        if (static_cast<int>(out.size()) >= max) break;
        out.push_back(s.uuid.toString());
    }
    return out;
}

Result<SecretRef> TestSecrets::lookupByUuid(const Uuid& uuid) {
    std::lock_guard lock(ctx_.state().secrets_mutex);
    for (const auto& s : ctx_.state().secrets) {
        if (s.uuid == uuid) return refOf(s);
    }
    return fail(noSecretUuid(uuid));
}

Result<SecretRef> TestSecrets::lookupByUsage(int usage_type, const std::string& usage_id) {
    std::lock_guard lock(ctx_.state().secrets_mutex);
    for (const auto& s : ctx_.state().secrets) {
        if (static_cast<int>(s.def->usage_type) == usage_type && s.def->usage_id == usage_id) return refOf(s);
    }
    return fail(Error::make(ErrorCode::kNoSecret, ErrorDomain::kSecret,
                            fmt::format("no secret with matching usage '{}'", usage_id)));
}

Result<SecretRef> TestSecrets::defineXml(const std::string& xml, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, lv::kSecretDefineValidate, "testSecretDefineXML"));
    conf::ParseOptions opts;
    opts.validate = flags & lv::kSecretDefineValidate;
    NODEVIRT_ASSIGN_OR_RETURN(auto def, conf::parseSecretXml(xml, opts));
    core::PendingEvents ev(ctx_.state().events);
    std::lock_guard lock(ctx_.state().secrets_mutex);
    auto& secrets = ctx_.state().secrets;
    SecretObj* same = nullptr;
    for (auto& s : secrets) {
        if (s.uuid == def->uuid) {
            same = &s;
        } else if (def->usage_type != conf::SecretUsageType::kNone && s.def->usage_type == def->usage_type &&
                   s.def->usage_id == def->usage_id) {
            return fail(Error::make(ErrorCode::kInternalError, ErrorDomain::kSecret,
                                    fmt::format("a secret with UUID {} already defined for use with {}",
                                                s.uuid.toString(), usageText(*def))));
        }
    }
    if (same) {
        if (same->def->usage_type != def->usage_type || same->def->usage_id != def->usage_id) {
            return fail(Error::make(ErrorCode::kInternalError, ErrorDomain::kSecret,
                                    fmt::format("a secret with UUID {} is already defined for use with {}",
                                                same->uuid.toString(), usageText(*same->def))));
        }
        if (same->def->is_private && !def->is_private) {
            return fail(Error::make(ErrorCode::kInvalidSecret, ErrorDomain::kSecret,
                                    "cannot change private flag on existing secret"));
        }
        same->def = std::move(def);
        secretEvent(ev, refOf(*same), static_cast<int>(lv::kSecretEventIdLifecycle), lv::kSecretEventDefined);
        return refOf(*same);
    }
    Uuid uuid = def->uuid;
    secrets.push_back({uuid, std::move(def), std::nullopt});
    secretEvent(ev, refOf(secrets.back()), static_cast<int>(lv::kSecretEventIdLifecycle), lv::kSecretEventDefined);
    return refOf(secrets.back());
}

Result<std::string> TestSecrets::getXmlDesc(const SecretRef& secret, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testSecretGetXMLDesc"));
    std::lock_guard lock(ctx_.state().secrets_mutex);
    for (const auto& s : ctx_.state().secrets) {
        if (s.uuid == secret.uuid) return conf::formatSecretXml(*s.def, 0);
    }
    return fail(noSecretUuid(secret.uuid));
}

Status TestSecrets::setValue(const SecretRef& secret, const std::string& value, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testSecretSetValue"));
    core::PendingEvents ev(ctx_.state().events);
    std::lock_guard lock(ctx_.state().secrets_mutex);
    for (auto& s : ctx_.state().secrets) {
        if (s.uuid != secret.uuid) continue;
        s.value = value;
        secretEvent(ev, refOf(s), static_cast<int>(lv::kSecretEventIdValueChanged), 0);
        return ok();
    }
    return fail(noSecretUuid(secret.uuid));
}

Result<std::string> TestSecrets::getValue(const SecretRef& secret, unsigned flags, bool internal) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testSecretGetValue"));
    std::lock_guard lock(ctx_.state().secrets_mutex);
    for (const auto& s : ctx_.state().secrets) {
        if (s.uuid != secret.uuid) continue;
        if (!internal && s.def->is_private) {
            return fail(Error::make(ErrorCode::kInvalidSecret, ErrorDomain::kSecret, "secret is private"));
        }
        if (!s.value) {
            return fail(Error::make(ErrorCode::kNoSecret, ErrorDomain::kSecret,
                                    fmt::format("secret '{}' does not have a value", s.uuid.toString())));
        }
        return *s.value;
    }
    return fail(noSecretUuid(secret.uuid));
}

Status TestSecrets::undefine(const SecretRef& secret) {
    core::PendingEvents ev(ctx_.state().events);
    std::lock_guard lock(ctx_.state().secrets_mutex);
    auto& secrets = ctx_.state().secrets;
    auto it = std::find_if(secrets.begin(), secrets.end(), [&](const SecretObj& s) { return s.uuid == secret.uuid; });
    if (it == secrets.end()) return fail(noSecretUuid(secret.uuid));
    secretEvent(ev, refOf(*it), static_cast<int>(lv::kSecretEventIdLifecycle), lv::kSecretEventUndefined);
    secrets.erase(it);
    return ok();
}

}  // namespace nodevirt::drivers::test
