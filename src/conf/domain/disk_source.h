// Storage source of a disk (and of each layer of its backing chain): local file / block /
// directory, storage pool volume, or a network protocol with hosts and authentication.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "conf/domain/box.h"
#include "conf/domain/enum_table.h"
#include "conf/domain/format_context.h"
#include "conf/domain/parse_context.h"
#include "xml/xml_writer.h"

namespace nodevirt::conf {

enum class DiskType : uint8_t { kFile, kBlock, kDir, kNetwork, kVolume, kNvme, kVhostuser };
inline constexpr auto kDiskTypes =
    makeEnumTable<DiskType>("file", "block", "dir", "network", "volume", "nvme", "vhostuser");

enum class NetProtocol : uint8_t {
    kNbd,
    kRbd,
    kSheepdog,
    kGluster,
    kIscsi,
    kHttp,
    kHttps,
    kFtp,
    kFtps,
    kTftp,
    kSsh,
    kVxhs,
    kNfs
};
inline constexpr auto kNetProtocols =
    makeEnumTable<NetProtocol>("nbd", "rbd", "sheepdog", "gluster", "iscsi", "http", "https", "ftp",
                               "ftps", "tftp", "ssh", "vxhs", "nfs");

enum class HostTransport : uint8_t { kTcp, kUnix, kRdma };
inline constexpr auto kHostTransports = makeEnumTable<HostTransport>("tcp", "unix", "rdma");

enum class StartupPolicy : uint8_t { kMandatory, kRequisite, kOptional };
inline constexpr auto kStartupPolicies =
    makeEnumTable<StartupPolicy>("mandatory", "requisite", "optional");

enum class VolumeMode : uint8_t { kHost, kDirect };
inline constexpr auto kVolumeModes = makeEnumTable<VolumeMode>("host", "direct");

struct SourceHost {
    std::optional<std::string> name;
    std::optional<uint32_t> port;
    HostTransport transport = HostTransport::kTcp;
    std::optional<std::string> socket;
    friend bool operator==(const SourceHost&, const SourceHost&) = default;
};

// <secret type=… uuid=…|usage=…/> as used by disk auth and encryption.
struct SecretRef {
    std::string type;
    std::optional<std::string> uuid;
    std::optional<std::string> usage;
    friend bool operator==(const SecretRef&, const SecretRef&) = default;
};

struct SourceAuth {
    std::string username;
    SecretRef secret;
    friend bool operator==(const SourceAuth&, const SourceAuth&) = default;
};

struct SourceSecLabel {
    std::optional<std::string> model;
    std::optional<bool> relabel;
    std::optional<std::string> label;
    friend bool operator==(const SourceSecLabel&, const SourceSecLabel&) = default;
};

// Network- and pool-specific parts, boxed: most disks are plain files.
struct SourceExtra {
    std::optional<NetProtocol> protocol;
    std::optional<std::string> name;
    std::optional<bool> tls;
    std::vector<SourceHost> hosts;
    std::optional<std::string> snapshot;
    std::optional<std::string> config_file;
    std::optional<SourceAuth> auth;
    std::optional<std::string> pool;
    std::optional<std::string> volume;
    std::optional<VolumeMode> mode;
    std::vector<SourceSecLabel> seclabels;
    friend bool operator==(const SourceExtra&, const SourceExtra&) = default;
};

struct DiskSource {
    std::optional<std::string> path;  // file=, dev= or dir= depending on the disk type
    std::optional<StartupPolicy> startup_policy;
    std::optional<uint32_t> index;  // live-only backing chain index
    Box<SourceExtra> extra;
    friend bool operator==(const DiskSource&, const DiskSource&) = default;

    [[nodiscard]] bool empty() const { return !path && !extra; }
};

// One layer of a backing chain; `terminated` is the empty <backingStore/> that says the
// chain ends here.
struct BackingStore {
    bool terminated = false;
    DiskType type = DiskType::kFile;
    std::optional<std::string> format;
    DiskSource source;
    Box<BackingStore> next;
    friend bool operator==(const BackingStore&, const BackingStore&) = default;
};

// Parses the <source> child of `parent` for a disk of `type`; absent element: left empty.
Status parseDiskSource(Elem& parent, DiskType type, DiskSource& out);
Status parseBackingStore(Elem& parent, Box<BackingStore>& out, int depth);
Result<SecretRef> parseSecretRef(Elem& e);

void formatDiskSource(xml::Writer& w, DiskType type, const DiskSource& s, const FormatCtx& fc);
void formatBackingStore(xml::Writer& w, const BackingStore& b, const FormatCtx& fc);
void formatSecretRef(xml::Writer& w, const SecretRef& s);

}  // namespace nodevirt::conf
