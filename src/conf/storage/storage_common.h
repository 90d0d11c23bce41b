// Pieces shared by the storage pool and volume documents: <permissions>, sizes written
// with a unit attribute, and the error helper that adds the element path and line.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "conf/common/parse_options.h"
#include "util/result.h"
#include "xml/xml_reader.h"
#include "xml/xml_writer.h"

namespace nodevirt::conf {

// <permissions>; nullopt means libvirt's "-1" (not set, not printed).
struct StoragePerms {
    std::optional<unsigned> mode;
    std::optional<uint32_t> owner;
    std::optional<uint32_t> group;
    std::optional<std::string> label;
    [[nodiscard]] bool empty() const { return !mode && !owner && !group && !label; }
    friend bool operator==(const StoragePerms&, const StoragePerms&) = default;
};

namespace storage_xml {

// libvirt's message, then where in the document it was raised.
Error at(ErrorCode code, const xml::Node& node, std::string_view detail);
Error xmlAt(const xml::Node& node, std::string_view detail);

Result<StoragePerms> parsePerms(const xml::Node& node);
void formatPerms(xml::Writer& w, const StoragePerms& perms);

// <capacity unit='G'>5</capacity> → bytes. `malformed` names the element in libvirt's
// "malformed X element" message.
Result<uint64_t> parseScaledBytes(const xml::Node& node, std::string_view malformed);

// Collapses repeated '/' and drops a trailing one, as libvirt does for target paths.
std::string sanitizePath(std::string_view path);

}  // namespace storage_xml
}  // namespace nodevirt::conf
