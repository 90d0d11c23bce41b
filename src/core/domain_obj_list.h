// DomainObjList: the set of domains of one driver instance, indexed by name, uuid and id
// (O(1) lookups), with libvirt's duplicate rules on add, monotonic id allocation and the
// VIR_CONNECT_LIST_DOMAINS_* filters. Thread-safe; lookups take a shared lock only.
#pragma once

#include <functional>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/domain_obj.h"

namespace nodevirt::core {

// Every VIR_CONNECT_LIST_DOMAINS_* bit listAll() understands.
inline constexpr unsigned kListDomainsAllFlags = 0xffffu;

// True when `v` passes the VIR_CONNECT_LIST_DOMAINS_* filter `flags`.
bool matchesListFilter(const DomainView& v, unsigned flags);

class DomainObjList {
  public:
    enum AddFlags : unsigned {
        kAddLive = 1u << 0,       // the definition is the running one (createXML, restore)
        kAddCheckLive = 1u << 1,  // refuse if the existing domain is active or transient
    };
    struct AddResult {
        JobGuard job;          // the job of the added or updated domain, held
        bool created = false;  // a new object was inserted
        DomainDefPtr old_def;  // the definition the new one replaced, if any
    };

    DomainObjList() = default;
    DomainObjList(const DomainObjList&) = delete;
    DomainObjList& operator=(const DomainObjList&) = delete;

    // Adds a domain or updates the one with the same uuid, with libvirt's checks:
    // same uuid but another name -> "domain 'a' is already defined with uuid U"; same name
    // but another uuid -> "domain 'a' already exists with uuid U"; with kAddCheckLive an
    // active ("already active") or transient ("already being started") match is refused.
    // A newly created object is inactive and transient; the caller sets it up under the job.
    Result<AddResult> add(const std::string& name, const Uuid& uuid, DomainDefPtr def,
                          unsigned flags);

    [[nodiscard]] DomainObjPtr findByName(std::string_view name) const;
    [[nodiscard]] DomainObjPtr findByUuid(const Uuid& uuid) const;
    [[nodiscard]] DomainObjPtr findById(int id) const;

    // Gives the domain the next id (or `id` when >= 0) and indexes it as active.
    void markActive(const JobGuard& job, int id = -1);
    // Drops the domain's id (the caller restores definitions and state).
    void markInactive(const JobGuard& job);
    // Removes the domain from every index; later jobs on it fail with "Domain not found".
    void remove(const JobGuard& job);
    // Renames an inactive domain; fails if the name is taken.
    Status rename(const JobGuard& job, const std::string& new_name);

    // Domains passing the VIR_CONNECT_LIST_DOMAINS_* filter, in no particular order. The views
    // carry identity, state and flags only (def, next_def and snapshots are left empty).
    [[nodiscard]] std::vector<DomainView> listAll(unsigned flags) const;
    [[nodiscard]] std::vector<DomainObjPtr> objects() const;
    void forEach(const std::function<void(const DomainObjPtr&)>& fn) const;
    [[nodiscard]] size_t size() const;
    [[nodiscard]] size_t countActive() const;
    // Ids of active domains (at most `max`), in ascending order.
    [[nodiscard]] std::vector<int> activeIds(size_t max) const;
    // Names of inactive domains (at most `max`), sorted.
    [[nodiscard]] std::vector<std::string> inactiveNames(size_t max) const;
    [[nodiscard]] int nextId() const;

  private:
    // nullopt when another thread added the same uuid first.
    Result<std::optional<AddResult>> addNew(const std::string& name, const Uuid& uuid,
                                            DomainDefPtr def);

    mutable std::shared_mutex mutex_;
    std::unordered_map<Uuid, DomainObjPtr, UuidHash> by_uuid_;
    std::unordered_map<std::string_view, DomainObj*> by_name_;  // keys view DomainObj::name_
    std::unordered_map<int, DomainObj*> by_id_;
    int next_id_ = 1;
};

}  // namespace nodevirt::core
