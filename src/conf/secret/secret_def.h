// The <secret> document as a value type: a secret's identity and what it is used for. The
// secret value itself is never part of the XML.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "util/uuid.h"

namespace nodevirt::conf {

enum class SecretUsageType { kNone, kVolume, kCeph, kIscsi, kTls, kVtpm };

struct SecretDef {
    bool ephemeral = false;
    bool is_private = false;
    Uuid uuid;
    bool uuid_specified = false;
    std::optional<std::string> description;
    SecretUsageType usage_type = SecretUsageType::kNone;
    // The usage's identifying text: volume path, ceph/tls/vtpm name or iSCSI target.
    std::string usage_id;
};

std::string_view secretUsageTypeName(SecretUsageType type);

}  // namespace nodevirt::conf
