// The <os> section: guest OS type, architecture and machine, firmware (loader, nvram),
// direct kernel boot, container init, and the boot device list.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "conf/domain/box.h"
#include "conf/domain/enum_table.h"
#include "conf/domain/format_context.h"
#include "conf/domain/parse_context.h"
#include "xml/xml_writer.h"

namespace nodevirt::conf {

enum class OsType : uint8_t { kHvm, kXen, kLinux, kExe, kUml, kXenPvh };
inline constexpr auto kOsTypes =
    makeEnumTable<OsType>("hvm", "xen", "linux", "exe", "uml", "xenpvh");

enum class Arch : uint8_t {
    kAlpha,
    kArmv6l,
    kArmv7l,
    kArmv7b,
    kAarch64,
    kCris,
    kI686,
    kIa64,
    kLm32,
    kLoongarch64,
    kM68k,
    kMicroblaze,
    kMicroblazeel,
    kMips,
    kMipsel,
    kMips64,
    kMips64el,
    kOpenrisc,
    kParisc,
    kParisc64,
    kPpc,
    kPpcle,
    kPpc64,
    kPpc64le,
    kPpcemb,
    kRiscv32,
    kRiscv64,
    kS390,
    kS390x,
    kSh4,
    kSh4eb,
    kSparc,
    kSparc64,
    kUnicore32,
    kX86_64,
    kXtensa,
    kXtensaeb
};
inline constexpr auto kArches = makeEnumTable<Arch>(
    "alpha", "armv6l", "armv7l", "armv7b", "aarch64", "cris", "i686", "ia64", "lm32", "loongarch64",
    "m68k", "microblaze", "microblazeel", "mips", "mipsel", "mips64", "mips64el", "openrisc",
    "parisc", "parisc64", "ppc", "ppcle", "ppc64", "ppc64le", "ppcemb", "riscv32", "riscv64",
    "s390", "s390x", "sh4", "sh4eb", "sparc", "sparc64", "unicore32", "x86_64", "xtensa",
    "xtensaeb");

enum class BootDev : uint8_t { kFd, kCdrom, kHd, kNetwork };
inline constexpr auto kBootDevs = makeEnumTable<BootDev>("fd", "cdrom", "hd", "network");

enum class LoaderType : uint8_t { kRom, kPflash };
inline constexpr auto kLoaderTypes = makeEnumTable<LoaderType>("rom", "pflash");

enum class Firmware : uint8_t { kBios, kEfi };
inline constexpr auto kFirmwares = makeEnumTable<Firmware>("bios", "efi");

enum class SmbiosMode : uint8_t { kEmulate, kHost, kSysinfo };
inline constexpr auto kSmbiosModes = makeEnumTable<SmbiosMode>("emulate", "host", "sysinfo");

struct LoaderDef {
    std::optional<std::string> path;
    std::optional<bool> readonly;
    std::optional<bool> secure;
    std::optional<LoaderType> type;
    friend bool operator==(const LoaderDef&, const LoaderDef&) = default;
};

struct NvramDef {
    std::optional<std::string> path;
    std::optional<std::string> template_path;
    friend bool operator==(const NvramDef&, const NvramDef&) = default;
};

struct FirmwareFeature {
    bool enabled = false;
    std::string name;
    friend bool operator==(const FirmwareFeature&, const FirmwareFeature&) = default;
};

struct AcpiTable {
    std::string type;
    std::string path;
    friend bool operator==(const AcpiTable&, const AcpiTable&) = default;
};

// Everything under <os> that most domains never set.
struct OsExtra {
    std::optional<Firmware> firmware;
    std::vector<FirmwareFeature> firmware_features;
    std::optional<std::string> init;
    std::vector<std::string> initargs;
    std::vector<std::pair<std::string, std::string>> initenv;
    std::optional<std::string> initdir;
    std::optional<std::string> inituser;
    std::optional<std::string> initgroup;
    std::optional<LoaderDef> loader;
    std::optional<NvramDef> nvram;
    std::optional<std::string> kernel;
    std::optional<std::string> initrd;
    std::optional<std::string> cmdline;
    std::optional<std::string> dtb;
    std::optional<std::string> root;
    std::vector<AcpiTable> acpi_tables;
    std::optional<bool> bootmenu_enable;
    std::optional<uint32_t> bootmenu_timeout;
    std::optional<bool> bios_useserial;
    std::optional<int32_t> bios_reboot_timeout;
    std::optional<SmbiosMode> smbios;
    friend bool operator==(const OsExtra&, const OsExtra&) = default;
};

struct OsDef {
    static constexpr size_t kMaxBootDevs = 4;

    OsType type = OsType::kHvm;
    std::optional<Arch> arch;  // filled by post-parse when absent
    std::string machine;       // empty: not given
    uint8_t nboot = 0;
    std::array<BootDev, kMaxBootDevs> boot{};
    Box<OsExtra> extra;
    friend bool operator==(const OsDef&, const OsDef&) = default;

    [[nodiscard]] bool hasKernel() const { return extra && extra->kernel; }
    void addBoot(BootDev dev) {
        if (nboot < kMaxBootDevs) boot[nboot++] = dev;
    }
};

Status parseOs(Elem& e, OsDef& out);
void formatOs(xml::Writer& w, const OsDef& os);

}  // namespace nodevirt::conf
