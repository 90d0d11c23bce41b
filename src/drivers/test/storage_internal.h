// Helpers shared by the storage pool and volume halves of the test driver's StorageOps.
#pragma once

#include <string>
#include <string_view>

#include "conf/storage/storage_xml.h"
#include "core/event_bus.h"
#include "drivers/test/test_context.h"

namespace nodevirt::drivers::test {

using Pools = core::ObjectList<conf::StoragePoolDef, PoolExtra>;
using PoolObj = Pools::Obj;

// libvirt's test driver gives every pool a fake 100 GiB.
inline constexpr uint64_t kDefaultPoolCapacity = uint64_t{100} << 30;

Error noPoolByName(std::string_view name);
Error poolNotActive(std::string_view name);
driver::StoragePoolRef poolRef(const PoolObj& o);

// The pool named `name` inside locked(), or "Storage pool not found".
Result<PoolObj*> findPool(Pools::Objects& objs, std::string_view name);
// Same, also requiring the pool to be active.
Result<PoolObj*> findActivePool(Pools::Objects& objs, std::string_view name);

// Recomputes allocation/available of the pool definition from its volumes.
void refreshPoolSizes(PoolObj& o);

void poolEvent(core::PendingEvents& ev, const driver::StoragePoolRef& ref, int event_id, unsigned event);

}  // namespace nodevirt::drivers::test
