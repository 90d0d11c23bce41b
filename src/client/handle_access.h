// The bridge between public handles and driver references: builds handles from the refs a
// driver returns and turns handles back into refs for the next driver call. Only src/client
// uses it (the handles befriend this struct).
#pragma once

#include <memory>
#include <vector>

#include "driver/types.h"
#include "nodevirt/connection.h"
#include "nodevirt/domain.h"
#include "nodevirt/interface.h"
#include "nodevirt/network.h"
#include "nodevirt/node_device.h"
#include "nodevirt/secret.h"
#include "nodevirt/storage.h"
#include "nodevirt/stream.h"

namespace nodevirt::detail {

using StatePtr = std::shared_ptr<ConnectionState>;

struct HandleAccess {
    // --- connection
    static Connection connection(StatePtr s) { return Connection(std::move(s)); }
    static const StatePtr& state(const Connection& c) { return c.state_; }

    // --- handles from driver refs
    static Domain domain(const StatePtr& s, const driver::DomainRef& r) {
        Domain d;
        d.conn_ = s;
        d.name_ = r.name;
        d.uuid_ = r.uuid;
        d.id_ = r.id;
        return d;
    }
    static DomainSnapshot snapshot(const StatePtr& s, const driver::DomainSnapshotRef& r) {
        DomainSnapshot snap;
        snap.domain_ = domain(s, r.domain);
        snap.name_ = r.name;
        return snap;
    }
    static Network network(const StatePtr& s, const driver::NetworkRef& r) {
        Network n;
        n.conn_ = s;
        n.name_ = r.name;
        n.uuid_ = r.uuid;
        return n;
    }
    static StoragePool pool(const StatePtr& s, const driver::StoragePoolRef& r) {
        StoragePool p;
        p.conn_ = s;
        p.name_ = r.name;
        p.uuid_ = r.uuid;
        return p;
    }
    static StorageVolume volume(const StatePtr& s, const driver::StorageVolRef& r) {
        StorageVolume v;
        v.conn_ = s;
        v.pool_ = r.pool;
        v.name_ = r.name;
        v.key_ = r.key;
        return v;
    }
    static NodeDevice nodeDevice(const StatePtr& s, const driver::NodeDeviceRef& r) {
        NodeDevice d;
        d.conn_ = s;
        d.name_ = r.name;
        return d;
    }
    static Secret secret(const StatePtr& s, const driver::SecretRef& r) {
        Secret sec;
        sec.conn_ = s;
        sec.uuid_ = r.uuid;
        sec.usage_type_ = r.usage_type;
        sec.usage_id_ = r.usage_id;
        return sec;
    }
    static Interface interface(const StatePtr& s, const driver::InterfaceRef& r) {
        Interface i;
        i.conn_ = s;
        i.name_ = r.name;
        i.mac_ = r.mac;
        return i;
    }
    static Stream stream(std::shared_ptr<StreamState> s) { return Stream(std::move(s)); }

    // --- refs and states from handles
    static driver::DomainRef ref(const Domain& d) { return {d.name_, d.uuid_, d.id_}; }
    static driver::DomainSnapshotRef ref(const DomainSnapshot& s) {
        return {s.name_, ref(s.domain_)};
    }
    static driver::NetworkRef ref(const Network& n) { return {n.name_, n.uuid_}; }
    static driver::StoragePoolRef ref(const StoragePool& p) { return {p.name_, p.uuid_}; }
    static driver::StorageVolRef ref(const StorageVolume& v) { return {v.pool_, v.name_, v.key_}; }
    static driver::NodeDeviceRef ref(const NodeDevice& d) { return {d.name_}; }
    static driver::SecretRef ref(const Secret& s) { return {s.uuid_, s.usage_type_, s.usage_id_}; }
    static driver::InterfaceRef ref(const Interface& i) { return {i.name_, i.mac_}; }

    static const StatePtr& state(const Domain& d) { return d.conn_; }
    static const StatePtr& state(const DomainSnapshot& s) { return s.domain_.conn_; }
    static const StatePtr& state(const Network& n) { return n.conn_; }
    static const StatePtr& state(const StoragePool& p) { return p.conn_; }
    static const StatePtr& state(const StorageVolume& v) { return v.conn_; }
    static const StatePtr& state(const NodeDevice& d) { return d.conn_; }
    static const StatePtr& state(const Secret& s) { return s.conn_; }
    static const StatePtr& state(const Interface& i) { return i.conn_; }

    // --- updates a driver call reports back into the handle it was made on
    static void setDomainId(Domain& d, int id) { d.id_ = id; }
    static void setDomainName(Domain& d, std::string name) { d.name_ = std::move(name); }

    // Wraps each driver ref of a list into a handle.
    template <typename Handle, typename Ref, typename Make>
    static std::vector<Handle> wrapAll(const StatePtr& s, const std::vector<Ref>& refs, Make make) {
        std::vector<Handle> out;
        out.reserve(refs.size());
        for (const auto& r : refs) out.push_back(make(s, r));
        return out;
    }
};

}  // namespace nodevirt::detail
