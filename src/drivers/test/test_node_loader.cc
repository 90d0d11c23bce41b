#include "drivers/test/test_node_loader.h"

#include "conf/interface/interface_def.h"
#include "conf/network/network_def.h"
#include "conf/node_device/node_device_def.h"
#include "driver/libvirt_constants.h"
#include "drivers/test/storage_internal.h"

namespace nodevirt::drivers::test {

void addNodeNetwork(TestState& state, std::shared_ptr<conf::NetworkDef> def) {
    state.networks.locked([&](auto& objs) {
        core::ObjectList<conf::NetworkDef>::Obj o;
        o.name = def->name;
        o.uuid = def->uuid;
        o.def = std::move(def);
        o.active = true;
        o.persistent = true;
        objs.push_back(std::move(o));
    });
}

void addNodePool(TestState& state, std::shared_ptr<conf::StoragePoolDef> def,
                 std::vector<std::shared_ptr<conf::StorageVolDef>> volumes) {
    def->capacity = kDefaultPoolCapacity;
    state.pools.locked([&](Pools::Objects& objs) {
        PoolObj o;
        o.name = def->name;
        o.uuid = def->uuid;
        std::string base = def->target_path.value_or("");
        o.def = std::move(def);
        o.active = true;
        o.persistent = true;
        for (auto& vol : volumes) {
            vol->target.path = base + "/" + vol->name;
            vol->key = *vol->target.path;
            o.extra.volumes.push_back({std::move(vol), std::make_shared<std::string>()});
        }
        refreshPoolSizes(o);
        objs.push_back(std::move(o));
    });
}

void addNodeInterface(TestState& state, std::shared_ptr<conf::HostInterfaceDef> def) {
    state.interfaces.locked([&](auto& objs) {
        core::ObjectList<conf::HostInterfaceDef>::Obj o;
        o.name = def->name;
        o.def = std::move(def);
        o.active = true;
        o.persistent = true;
        objs.push_back(std::move(o));
    });
}

void addNodeDevice(TestState& state, std::shared_ptr<conf::NodeDeviceDef> def) {
    std::lock_guard lock(state.devices_mutex);
    std::string name = def->name;
    state.devices.push_back({std::move(name), std::move(def), true, false, false});
}

}  // namespace nodevirt::drivers::test
