#include "cli/lookup.h"

#include <fmt/format.h>

#include "cli/numbers.h"

namespace nodevirt::cli {
namespace {

constexpr size_t kUuidStringLength = 36;

// The required string option `option`; nullopt after virsh's error when absent or empty.
std::optional<std::string> requiredText(Context& ctx, const ParsedCommand& cmd,
                                        std::string_view option) {
    std::optional<std::string> text;
    if (!cmd.getString(ctx, option, text)) return std::nullopt;
    if (!text) {
        ctx.error(fmt::format("Failed to get option '{}': Mandatory option not present", option));
        return std::nullopt;
    }
    return text;
}

template <typename T>
void keep(std::optional<T>& found, Result<T> r, std::optional<Error>& last) {
    if (r) {
        found = std::move(*r);
    } else {
        last = r.error();
    }
}

}  // namespace

std::optional<Domain> lookupDomainText(Context& ctx, const std::string& text, unsigned by) {
    const Connection& conn = ctx.conn();
    std::optional<Domain> dom;
    std::optional<Error> last;
    if ((by & kById) != 0) {
        if (auto id = parseInt(text); id && *id >= 0) keep(dom, conn.lookupDomainById(*id), last);
    }
    if (!dom && (by & kByUuid) != 0 && text.size() == kUuidStringLength) {
        keep(dom, conn.lookupDomainByUuidString(text), last);
    }
    if (!dom && (by & kByName) != 0) keep(dom, conn.lookupDomainByName(text), last);
    // virsh drops the library's reason for domains: only its own line is printed.
    ctx.clearLastError();
    if (!dom) ctx.error(fmt::format("failed to get domain '{}'", text));
    return dom;
}

std::optional<Domain> lookupDomain(Context& ctx, const ParsedCommand& cmd, std::string* given,
                                   unsigned by, std::string_view option) {
    auto text = requiredText(ctx, cmd, option);
    if (!text) return std::nullopt;
    if (given != nullptr) *given = *text;
    return lookupDomainText(ctx, *text, by);
}

std::optional<Network> lookupNetwork(Context& ctx, const ParsedCommand& cmd, std::string* given,
                                     std::string_view option, unsigned by) {
    auto text = requiredText(ctx, cmd, option);
    if (!text) return std::nullopt;
    if (given != nullptr) *given = *text;
    std::optional<Network> net;
    std::optional<Error> last;
    if ((by & kByUuid) != 0 && text->size() == kUuidStringLength) {
        keep(net, ctx.conn().lookupNetworkByUuidString(*text), last);
    }
    if (!net && (by & kByName) != 0) keep(net, ctx.conn().lookupNetworkByName(*text), last);
    if (!net) {
        if (last) ctx.setLastError(*last);
        ctx.error(fmt::format("failed to get network '{}'", *text));
    }
    return net;
}

std::optional<StoragePool> lookupPool(Context& ctx, const ParsedCommand& cmd, std::string* given,
                                      std::string_view option, unsigned by) {
    auto text = requiredText(ctx, cmd, option);
    if (!text) return std::nullopt;
    if (given != nullptr) *given = *text;
    std::optional<StoragePool> pool;
    std::optional<Error> last;
    if ((by & kByUuid) != 0 && text->size() == kUuidStringLength) {
        keep(pool, ctx.conn().lookupStoragePoolByUuidString(*text), last);
    }
    if (!pool && (by & kByName) != 0) keep(pool, ctx.conn().lookupStoragePoolByName(*text), last);
    if (!pool) {
        if (last) ctx.setLastError(*last);
        ctx.error(fmt::format("failed to get pool '{}'", *text));
    }
    return pool;
}

std::optional<StorageVolume> lookupVolume(Context& ctx, const ParsedCommand& cmd,
                                          std::string* given, std::string_view option,
                                          std::string_view pool_option) {
    auto text = requiredText(ctx, cmd, option);
    if (!text) return std::nullopt;
    if (given != nullptr) *given = *text;
    std::optional<StoragePool> pool;
    if (!pool_option.empty() && cmd.has(pool_option)) {
        std::string pool_name;
        pool = lookupPool(ctx, cmd, &pool_name, pool_option);
        if (!pool) return std::nullopt;
        auto active = pool->isActive();
        if (!active || !*active) {
            if (active) ctx.error(fmt::format("pool '{}' is not active", pool_name));
            if (!active) ctx.setLastError(active.error());
            return std::nullopt;
        }
    }
    std::optional<StorageVolume> vol;
    std::optional<Error> last;
    if (pool) keep(vol, pool->lookupVolumeByName(*text), last);
    if (!vol) keep(vol, ctx.conn().lookupStorageVolumeByKey(*text), last);
    if (!vol) keep(vol, ctx.conn().lookupStorageVolumeByPath(*text), last);
    if (!vol) {
        if (last) ctx.setLastError(*last);
        if (pool || pool_option.empty()) {
            ctx.error(fmt::format("failed to get vol '{}'", *text));
        } else {
            ctx.error(fmt::format("failed to get vol '{}', specifying --{} might help", *text,
                                  pool_option));
        }
    }
    return vol;
}

std::optional<NodeDevice> lookupNodeDevice(Context& ctx, const ParsedCommand& cmd,
                                           std::string_view option) {
    auto text = requiredText(ctx, cmd, option);
    if (!text) return std::nullopt;
    // "wwnn,wwpn" names the SCSI host of a fibre channel adapter.
    const size_t comma = text->find(',');
    auto dev = comma == std::string::npos
                   ? ctx.conn().lookupNodeDeviceByName(*text)
                   : ctx.conn().lookupScsiHostByWwn(text->substr(0, comma), text->substr(comma + 1));
    if (!dev) {
        ctx.setLastError(dev.error());
        ctx.error(fmt::format("Could not find matching device '{}'", *text));
        return std::nullopt;
    }
    return std::move(*dev);
}

std::optional<Interface> lookupInterface(Context& ctx, const ParsedCommand& cmd,
                                         std::string* given, std::string_view option) {
    auto text = requiredText(ctx, cmd, option);
    if (!text) return std::nullopt;
    if (given != nullptr) *given = *text;
    std::optional<Interface> iface;
    std::optional<Error> last;
    keep(iface, ctx.conn().lookupInterfaceByName(*text), last);
    // A MAC address has 17 characters ("aa:bb:cc:dd:ee:ff").
    if (!iface && text->size() == 17) keep(iface, ctx.conn().lookupInterfaceByMac(*text), last);
    if (!iface) {
        if (last) ctx.setLastError(*last);
        ctx.error(fmt::format("failed to get interface '{}'", *text));
    }
    return iface;
}

std::optional<Secret> lookupSecret(Context& ctx, const ParsedCommand& cmd, std::string* given,
                                   std::string_view option) {
    auto text = requiredText(ctx, cmd, option);
    if (!text) return std::nullopt;
    if (given != nullptr) *given = *text;
    auto secret = ctx.conn().lookupSecretByUuidString(*text);
    if (!secret) {
        ctx.setLastError(secret.error());
        ctx.error(fmt::format("failed to get secret '{}'", *text));
        return std::nullopt;
    }
    return std::move(*secret);
}

}  // namespace nodevirt::cli
