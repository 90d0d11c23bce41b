#include "drivers/qemu/qemu_caps.h"

#include <fmt/format.h>

#include <unordered_map>

namespace nodevirt::qemu {

const std::vector<std::string_view> kProbedDevices = {
    "virtio-blk-pci",
    "virtio-net-pci",
    "virtio-scsi-pci",
    "virtio-balloon-pci",
    "virtio-serial-pci",
    "virtio-rng-pci",
    "virtio-gpu-pci",
    "virtio-vga",
    "vhost-vsock-pci",
    "pcie-root-port",
    "pci-bridge",
    "e1000",
    "e1000e",
    "rtl8139",
    "ide-hd",
    "ide-cd",
    "scsi-hd",
    "scsi-cd",
    "qemu-xhci",
    "usb-tablet",
    "VGA",
    "isa-serial",
    "pvpanic",
    "intel-iommu",
};

namespace {

Error badReply(std::string_view what, std::string_view detail) {
    return Error::make(ErrorCode::kInternalError, ErrorDomain::kQemu,
                       fmt::format("unexpected reply to {}: {}", what, detail));
}

// Runs a JSON-walking body, turning nlohmann's type errors into an Error value.
template <typename F>
Status guarded(std::string_view what, F body) {
    try {
        body();
        return ok();
    } catch (const nlohmann::json::exception& e) {
        return fail(badReply(what, e.what()));
    }
}

const Json::array_t& array(const Json& j) { return j.get_ref<const Json::array_t&>(); }

template <typename T>
T value(const Json& obj, const char* key, T fallback) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return fallback;
    return it->get<T>();
}

Json machineToJson(const QemuMachine& m) {
    return {{"name", m.name},
            {"alias", m.alias},
            {"is-default", m.is_default},
            {"cpu-max", m.max_cpus},
            {"deprecated", m.deprecated},
            {"hotpluggable-cpus", m.hotpluggable_cpus},
            {"default-cpu-type", m.default_cpu_type},
            {"default-ram-id", m.default_ram_id}};
}

QemuMachine machineFromJson(const Json& j) {
    QemuMachine m;
    m.name = j.at("name").get<std::string>();
    m.alias = value<std::string>(j, "alias", "");
    m.is_default = value<bool>(j, "is-default", false);
    m.max_cpus = value<int>(j, "cpu-max", 0);
    m.deprecated = value<bool>(j, "deprecated", false);
    m.hotpluggable_cpus = value<bool>(j, "hotpluggable-cpus", false);
    m.default_cpu_type = value<std::string>(j, "default-cpu-type", "");
    m.default_ram_id = value<std::string>(j, "default-ram-id", "");
    return m;
}

Json cpuToJson(const QemuCpuModel& c) {
    return {{"name", c.name},
            {"typename", c.type_name},
            {"alias-of", c.alias_of},
            {"migration-safe", c.migration_safe},
            {"static", c.is_static},
            {"deprecated", c.deprecated},
            {"unavailable-features", c.unavailable_features}};
}

QemuCpuModel cpuFromJson(const Json& j) {
    QemuCpuModel c;
    c.name = j.at("name").get<std::string>();
    c.type_name = value<std::string>(j, "typename", "");
    c.alias_of = value<std::string>(j, "alias-of", "");
    c.migration_safe = value<bool>(j, "migration-safe", false);
    c.is_static = value<bool>(j, "static", false);
    c.deprecated = value<bool>(j, "deprecated", false);
    c.unavailable_features =
        value<std::vector<std::string>>(j, "unavailable-features", std::vector<std::string>{});
    return c;
}

// Member names of a schema object type, including those of its union variants.
void collectMembers(const std::unordered_map<std::string, const Json*>& types,
                    const std::string& type, std::set<std::string>& out, int depth) {
    auto it = types.find(type);
    if (it == types.end() || depth > 4) return;
    const Json& t = *it->second;
    if (auto m = t.find("members"); m != t.end()) {
        for (const auto& member : *m) out.insert(member.at("name").get<std::string>());
    }
    if (auto v = t.find("variants"); v != t.end()) {
        for (const auto& variant : *v) {
            collectMembers(types, variant.at("type").get<std::string>(), out, depth + 1);
        }
    }
}

}  // namespace

bool QemuCaps::hasCommand(std::string_view name) const {
    return commands.count(std::string(name)) > 0;
}

bool QemuCaps::hasEvent(std::string_view name) const { return events.count(std::string(name)) > 0; }

bool QemuCaps::hasCommandArgument(std::string_view command, std::string_view arg) const {
    auto it = command_arguments.find(std::string(command));
    return it != command_arguments.end() && it->second.count(std::string(arg)) > 0;
}

const QemuMachine* QemuCaps::findMachine(std::string_view name_or_alias) const {
    for (const auto& m : machines) {
        if (m.name == name_or_alias) return &m;
    }
    for (const auto& m : machines) {
        if (!m.alias.empty() && m.alias == name_or_alias) return &m;
    }
    return nullptr;
}

std::optional<std::string> QemuCaps::canonicalMachine(std::string_view name_or_alias) const {
    const QemuMachine* m = findMachine(name_or_alias);
    return m ? std::optional<std::string>(m->name) : std::nullopt;
}

const QemuMachine* QemuCaps::defaultMachine() const {
    for (const auto& m : machines) {
        if (m.is_default) return &m;
    }
    return nullptr;
}

const QemuCpuModel* QemuCaps::findCpuModel(std::string_view name) const {
    for (const auto& c : cpu_models) {
        if (c.name == name) return &c;
    }
    return nullptr;
}

bool QemuCaps::hasDevice(std::string_view type) const {
    return device_types.count(std::string(type)) > 0;
}

bool QemuCaps::deviceHasProperty(std::string_view type, std::string_view prop) const {
    auto it = device_properties.find(std::string(type));
    return it != device_properties.end() && it->second.count(std::string(prop)) > 0;
}

Json QemuCaps::toJson() const {
    Json machines_j = Json::array();
    for (const auto& m : machines) machines_j.push_back(machineToJson(m));
    Json cpus_j = Json::array();
    for (const auto& c : cpu_models) cpus_j.push_back(cpuToJson(c));
    return {{"binary", binary},
            {"accel", accel},
            {"version",
             {{"major", version.major},
              {"minor", version.minor},
              {"micro", version.micro},
              {"package", version.package}}},
            {"qmp-capabilities", qmp_capabilities},
            {"commands", commands},
            {"events", events},
            {"command-arguments", command_arguments},
            {"machines", std::move(machines_j)},
            {"cpu-models", std::move(cpus_j)},
            {"kvm", {{"present", kvm_present}, {"enabled", kvm_enabled}}},
            {"device-types", device_types},
            {"device-properties", device_properties}};
}

Result<QemuCaps> QemuCaps::fromJson(const Json& j) {
    QemuCaps c;
    NODEVIRT_TRY(guarded("the capabilities cache", [&] {
        c.binary = j.at("binary").get<std::string>();
        c.accel = j.at("accel").get<std::string>();
        const Json& v = j.at("version");
        c.version.major = v.at("major").get<int>();
        c.version.minor = v.at("minor").get<int>();
        c.version.micro = v.at("micro").get<int>();
        c.version.package = v.at("package").get<std::string>();
        c.qmp_capabilities = j.at("qmp-capabilities").get<std::vector<std::string>>();
        c.commands = j.at("commands").get<std::set<std::string>>();
        c.events = j.at("events").get<std::set<std::string>>();
        c.command_arguments =
            j.at("command-arguments").get<std::map<std::string, std::set<std::string>>>();
        for (const auto& m : j.at("machines")) c.machines.push_back(machineFromJson(m));
        for (const auto& cpu : j.at("cpu-models")) c.cpu_models.push_back(cpuFromJson(cpu));
        c.kvm_present = j.at("kvm").at("present").get<bool>();
        c.kvm_enabled = j.at("kvm").at("enabled").get<bool>();
        c.device_types = j.at("device-types").get<std::set<std::string>>();
        c.device_properties =
            j.at("device-properties").get<std::map<std::string, std::set<std::string>>>();
    }));
    return c;
}

Status parseVersion(const Json& reply, QemuCaps& caps) {
    return guarded("query-version", [&] {
        const Json& q = reply.at("qemu");
        caps.version.major = q.at("major").get<int>();
        caps.version.minor = q.at("minor").get<int>();
        caps.version.micro = q.at("micro").get<int>();
        caps.version.package = value<std::string>(reply, "package", "");
    });
}

Status parseCommands(const Json& reply, QemuCaps& caps) {
    return guarded("query-commands", [&] {
        for (const auto& c : array(reply)) caps.commands.insert(c.at("name").get<std::string>());
    });
}

Status parseSchema(const Json& reply, QemuCaps& caps) {
    return guarded("query-qmp-schema", [&] {
        std::unordered_map<std::string, const Json*> objects;
        for (const auto& e : array(reply)) {
            if (e.at("meta-type") == "object") objects[e.at("name").get<std::string>()] = &e;
        }
        for (const auto& e : reply) {
            const auto& meta = e.at("meta-type");
            std::string name = e.at("name").get<std::string>();
            if (meta == "event") {
                caps.events.insert(name);
            } else if (meta == "command") {
                std::set<std::string> args;
                collectMembers(objects, value<std::string>(e, "arg-type", ""), args, 0);
                if (!args.empty()) caps.command_arguments[name] = std::move(args);
            }
        }
    });
}

Status parseMachines(const Json& reply, QemuCaps& caps) {
    return guarded("query-machines", [&] {
        for (const auto& m : array(reply)) caps.machines.push_back(machineFromJson(m));
    });
}

Status parseCpuDefinitions(const Json& reply, QemuCaps& caps) {
    return guarded("query-cpu-definitions", [&] {
        for (const auto& c : array(reply)) caps.cpu_models.push_back(cpuFromJson(c));
    });
}

Status parseKvm(const Json& reply, QemuCaps& caps) {
    return guarded("query-kvm", [&] {
        caps.kvm_present = reply.at("present").get<bool>();
        caps.kvm_enabled = reply.at("enabled").get<bool>();
    });
}

Status parseDeviceTypes(const Json& reply, QemuCaps& caps) {
    return guarded("qom-list-types", [&] {
        for (const auto& t : array(reply))
            caps.device_types.insert(t.at("name").get<std::string>());
    });
}

Status parseDeviceProperties(const std::string& device, const Json& reply, QemuCaps& caps) {
    return guarded("device-list-properties", [&] {
        auto& props = caps.device_properties[device];
        for (const auto& p : array(reply)) props.insert(p.at("name").get<std::string>());
    });
}

}  // namespace nodevirt::qemu
