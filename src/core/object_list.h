// ObjectList<Def, Extra>: a small, mutex-guarded list of named objects with a uuid (networks,
// storage pools, interfaces, secrets): definitions as immutable values, active / persistent /
// autostart flags, and per-type extra state. Reads return copies; changes run under the lock.
// Meant for tens to hundreds of objects; domains use DomainObjList instead.
#pragma once

#include <algorithm>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/uuid.h"

namespace nodevirt::core {

struct NoExtra {};

template <typename Def, typename Extra = NoExtra>
class ObjectList {
  public:
    using DefPtr = std::shared_ptr<const Def>;
    struct Obj {
        std::string name;
        Uuid uuid;
        DefPtr def;       // live definition when active, else the persistent one
        DefPtr next_def;  // persistent definition of an active object, when it differs
        bool active = false;
        bool persistent = false;
        bool autostart = false;
        Extra extra{};

        [[nodiscard]] const DefPtr& inactiveDef() const { return next_def ? next_def : def; }
    };
    using Objects = std::vector<Obj>;

    [[nodiscard]] std::optional<Obj> byName(std::string_view name) const {
        std::lock_guard lock(mutex_);
        const Obj* o = find(objs_, name);
        return o ? std::optional<Obj>(*o) : std::nullopt;
    }
    [[nodiscard]] std::optional<Obj> byUuid(const Uuid& uuid) const {
        std::lock_guard lock(mutex_);
        const Obj* o = find(objs_, uuid);
        return o ? std::optional<Obj>(*o) : std::nullopt;
    }
    [[nodiscard]] Objects all() const {
        std::lock_guard lock(mutex_);
        return objs_;
    }
    [[nodiscard]] size_t size() const {
        std::lock_guard lock(mutex_);
        return objs_.size();
    }

    // Runs `f(Objects&)` under the list lock; `f` must not block or call back into the list.
    template <typename F>
    decltype(auto) locked(F&& f) {
        std::lock_guard lock(mutex_);
        return f(objs_);
    }
    template <typename F>
    decltype(auto) locked(F&& f) const {
        std::lock_guard lock(mutex_);
        return f(static_cast<const Objects&>(objs_));
    }

    // Lookup helpers for use inside locked().
    template <typename V>
    static auto* find(V& objs, std::string_view name) {
        auto it =
            std::find_if(objs.begin(), objs.end(), [&](const Obj& o) { return o.name == name; });
        return it == objs.end() ? nullptr : &*it;
    }
    template <typename V>
    static auto* find(V& objs, const Uuid& uuid) {
        auto it =
            std::find_if(objs.begin(), objs.end(), [&](const Obj& o) { return o.uuid == uuid; });
        return it == objs.end() ? nullptr : &*it;
    }
    static bool erase(Objects& objs, const Uuid& uuid) {
        auto it =
            std::find_if(objs.begin(), objs.end(), [&](const Obj& o) { return o.uuid == uuid; });
        if (it == objs.end()) return false;
        objs.erase(it);
        return true;
    }

  private:
    mutable std::mutex mutex_;
    Objects objs_;
};

}  // namespace nodevirt::core
