// Event registration: the modern per-callback domain events (all 27 ids), the legacy
// per-event-id registration, and network / storage pool / node device / secret events. A
// registration subscribes to the driver's EventOps; each event the driver publishes is encoded
// on the publishing thread and queued to the client as a MESSAGE (serial 1), so events reach
// the client in publication order for as long as the connection lives.
#include <fmt/format.h>

#include "remote/common/convert.h"
#include "remote/common/event_codec.h"
#include "remote/server/call_context.h"
#include "xdr/frame.h"

namespace nodevirt::remote {
namespace {

namespace p = protocol;
namespace pr = protocol::proc;

// Where a registration's events go. Holds the client weakly: the driver keeps the callback
// while the client may already be gone.
struct EventSink {
    std::weak_ptr<rpc::ServerClient> client;

    void send(const std::optional<EncodedEvent>& ev) const {
        if (!ev) return;
        if (auto c = client.lock()) {
            (void)c->sendEvent(static_cast<uint32_t>(xdr::Program::kRemote), ev->proc, ev->payload);
        }
    }
};

Error alreadyTracked() { return invalidArg("event callback already tracked"); }

// What distinguishes one object family's registration procedures.
struct Family {
    EventFamily kind;
    int id_count;
    std::string_view noun;  // "network", "storage pool", ...
};

Status checkEventId(const Family& f, int event_id) {
    if (event_id < 0 || event_id >= f.id_count) {
        std::string noun = f.kind == EventFamily::kDomain ? "" : std::string(f.noun) + " ";
        return fail(daemonError(fmt::format("unsupported {}event ID {}", noun, event_id)));
    }
    return ok();
}

// Shared body of every *_EVENT_REGISTER_ANY: checks, a fresh callback id, the driver
// subscription (`subscribe(events, sink, callback_id)` returns the driver's id).
template <typename Subscribe>
Result<int32_t> registerCallback(CallContext& ctx, const Family& f, int event_id,
                                 std::optional<std::string> filter, Subscribe subscribe) {
    NODEVIRT_TRY(checkEventId(f, event_id));
    if (ctx.session.hasRegistration(f.kind, event_id, filter)) return fail(alreadyTracked());
    int32_t callback_id = ctx.session.nextCallbackId();
    EventSink sink{ctx.client};
    NODEVIRT_ASSIGN_OR_RETURN(int driver_id, subscribe(ctx.driver().events(), sink, callback_id));
    ctx.session.addRegistration(callback_id, {f.kind, event_id, driver_id, std::move(filter)});
    return callback_id;
}

// Shared body of every *_EVENT_DEREGISTER_ANY.
template <typename Unsubscribe>
Result<p::Void> deregisterCallback(CallContext& ctx, const Family& f, int32_t callback_id,
                                   Unsubscribe unsubscribe) {
    std::optional<EventRegistration> reg = ctx.session.takeRegistration(f.kind, callback_id);
    if (!reg) {
        return fail(daemonError(fmt::format("{} event callback {} not registered", f.noun, callback_id)));
    }
    return done(unsubscribe(ctx.driver().events(), reg->driver_id));
}

constexpr Family kDomainFamily{EventFamily::kDomain, kDomainEventIdCount, "domain"};
constexpr Family kLegacyFamily{EventFamily::kDomainLegacy, kLegacyDomainEventIdCount, "domain"};
constexpr Family kNetworkFamily{EventFamily::kNetwork, kNetworkEventIdCount, "network"};
constexpr Family kPoolFamily{EventFamily::kStoragePool, kStoragePoolEventIdCount, "storage pool"};
constexpr Family kDeviceFamily{EventFamily::kNodeDevice, kNodeDeviceEventIdCount, "node device"};
constexpr Family kSecretFamily{EventFamily::kSecret, kSecretEventIdCount, "secret"};

template <typename Ref>
std::optional<std::string> filterOf(const std::optional<Ref>& ref) {
    if (!ref) return std::nullopt;
    if constexpr (requires { ref->uuid; }) {
        return ref->uuid.toString();
    } else {
        return ref->name;
    }
}

template <typename W>
auto optionalFromWire(const std::optional<W>& w) {
    using Ref = decltype(fromWire(*w));
    return w ? std::optional<Ref>(fromWire(*w)) : std::nullopt;
}

Result<p::Void> registerLegacy(CallContext& ctx, int event_id) {
    const Family& f = kLegacyFamily;
    if (event_id < 0 || event_id >= f.id_count) {
        return fail(daemonError(fmt::format("unsupported event ID {}", event_id)));
    }
    if (ctx.session.hasRegistration(f.kind, event_id, std::nullopt)) return fail(alreadyTracked());
    EventSink sink{ctx.client};
    NODEVIRT_ASSIGN_OR_RETURN(
        int driver_id, ctx.driver().events().registerDomainEvent(
                           event_id, std::nullopt, [sink](const driver::DomainEvent& ev) {
                               sink.send(encodeLegacyDomainEvent(ev));
                           }));
    ctx.session.addRegistration(event_id, {f.kind, event_id, driver_id, std::nullopt});
    return p::Void{};
}

Result<p::Void> deregisterLegacy(CallContext& ctx, int event_id) {
    std::optional<EventRegistration> reg = ctx.session.takeRegistration(kLegacyFamily.kind, event_id);
    if (!reg) return fail(daemonError(fmt::format("domain event {} not registered", event_id)));
    return done(ctx.driver().events().deregisterDomainEvent(reg->driver_id));
}

void bindDomainEvents(Handlers& h) {
    on<pr::ConnectDomainEventCallbackRegisterAny>(h, [](CallContext& ctx, const auto& a)
            -> Result<p::ConnectDomainEventCallbackRegisterAnyRet> {
        auto dom = optionalFromWire(a.dom);
        NODEVIRT_ASSIGN_OR_RETURN(
            int32_t id, registerCallback(ctx, kDomainFamily, a.event_id, filterOf(dom),
                                         [&](driver::EventOps& ev, EventSink sink, int32_t cb) {
                                             return ev.registerDomainEvent(
                                                 a.event_id, dom, [sink, cb](const auto& e) {
                                                     sink.send(encodeDomainEvent(e, cb));
                                                 });
                                         }));
        return p::ConnectDomainEventCallbackRegisterAnyRet{id};
    });
    on<pr::ConnectDomainEventCallbackDeregisterAny>(h, [](CallContext& ctx, const auto& a) {
        return deregisterCallback(ctx, kDomainFamily, a.callback_id,
                                  [](driver::EventOps& ev, int id) { return ev.deregisterDomainEvent(id); });
    });
    on<pr::ConnectDomainEventRegisterAny>(h, [](CallContext& ctx, const auto& a) {
        return registerLegacy(ctx, a.event_id);
    });
    on<pr::ConnectDomainEventDeregisterAny>(h, [](CallContext& ctx, const auto& a) {
        return deregisterLegacy(ctx, a.event_id);
    });
    // The oldest API (virConnectDomainEventRegister): lifecycle events in the legacy form.
    on<pr::ConnectDomainEventRegister>(h, [](CallContext& ctx, const p::Void&)
                                              -> Result<p::ConnectDomainEventRegisterRet> {
        NODEVIRT_TRY(registerLegacy(ctx, 0));
        return p::ConnectDomainEventRegisterRet{0};
    });
    on<pr::ConnectDomainEventDeregister>(h, [](CallContext& ctx, const p::Void&)
                                                -> Result<p::ConnectDomainEventDeregisterRet> {
        NODEVIRT_TRY(deregisterLegacy(ctx, 0));
        return p::ConnectDomainEventDeregisterRet{0};
    });
}

void bindObjectEvents(Handlers& h) {
    on<pr::ConnectNetworkEventRegisterAny>(h, [](CallContext& ctx, const auto& a)
            -> Result<p::ConnectNetworkEventRegisterAnyRet> {
        auto net = optionalFromWire(a.net);
        NODEVIRT_ASSIGN_OR_RETURN(
            int32_t id, registerCallback(ctx, kNetworkFamily, a.event_id, filterOf(net),
                                         [&](driver::EventOps& ev, EventSink sink, int32_t cb) {
                                             return ev.registerNetworkEvent(
                                                 a.event_id, net, [sink, cb](const auto& e) {
                                                     sink.send(encodeNetworkEvent(e, cb));
                                                 });
                                         }));
        return p::ConnectNetworkEventRegisterAnyRet{id};
    });
    on<pr::ConnectNetworkEventDeregisterAny>(h, [](CallContext& ctx, const auto& a) {
        return deregisterCallback(ctx, kNetworkFamily, a.callback_id,
                                  [](driver::EventOps& ev, int id) { return ev.deregisterNetworkEvent(id); });
    });
    on<pr::ConnectStoragePoolEventRegisterAny>(h, [](CallContext& ctx, const auto& a)
            -> Result<p::ConnectStoragePoolEventRegisterAnyRet> {
        auto pool = optionalFromWire(a.pool);
        NODEVIRT_ASSIGN_OR_RETURN(
            int32_t id, registerCallback(ctx, kPoolFamily, a.event_id, filterOf(pool),
                                         [&](driver::EventOps& ev, EventSink sink, int32_t cb) {
                                             return ev.registerStoragePoolEvent(
                                                 a.event_id, pool, [sink, cb](const auto& e) {
                                                     sink.send(encodeStoragePoolEvent(e, cb));
                                                 });
                                         }));
        return p::ConnectStoragePoolEventRegisterAnyRet{id};
    });
    on<pr::ConnectStoragePoolEventDeregisterAny>(h, [](CallContext& ctx, const auto& a) {
        return deregisterCallback(ctx, kPoolFamily, a.callback_id, [](driver::EventOps& ev, int id) {
            return ev.deregisterStoragePoolEvent(id);
        });
    });
    on<pr::ConnectNodeDeviceEventRegisterAny>(h, [](CallContext& ctx, const auto& a)
            -> Result<p::ConnectNodeDeviceEventRegisterAnyRet> {
        auto dev = optionalFromWire(a.dev);
        NODEVIRT_ASSIGN_OR_RETURN(
            int32_t id, registerCallback(ctx, kDeviceFamily, a.event_id, filterOf(dev),
                                         [&](driver::EventOps& ev, EventSink sink, int32_t cb) {
                                             return ev.registerNodeDeviceEvent(
                                                 a.event_id, dev, [sink, cb](const auto& e) {
                                                     sink.send(encodeNodeDeviceEvent(e, cb));
                                                 });
                                         }));
        return p::ConnectNodeDeviceEventRegisterAnyRet{id};
    });
    on<pr::ConnectNodeDeviceEventDeregisterAny>(h, [](CallContext& ctx, const auto& a) {
        return deregisterCallback(ctx, kDeviceFamily, a.callback_id, [](driver::EventOps& ev, int id) {
            return ev.deregisterNodeDeviceEvent(id);
        });
    });
    on<pr::ConnectSecretEventRegisterAny>(h, [](CallContext& ctx, const auto& a)
            -> Result<p::ConnectSecretEventRegisterAnyRet> {
        auto secret = optionalFromWire(a.secret);
        NODEVIRT_ASSIGN_OR_RETURN(
            int32_t id, registerCallback(ctx, kSecretFamily, a.event_id, filterOf(secret),
                                         [&](driver::EventOps& ev, EventSink sink, int32_t cb) {
                                             return ev.registerSecretEvent(
                                                 a.event_id, secret, [sink, cb](const auto& e) {
                                                     sink.send(encodeSecretEvent(e, cb));
                                                 });
                                         }));
        return p::ConnectSecretEventRegisterAnyRet{id};
    });
    on<pr::ConnectSecretEventDeregisterAny>(h, [](CallContext& ctx, const auto& a) {
        return deregisterCallback(ctx, kSecretFamily, a.callback_id, [](driver::EventOps& ev, int id) {
            return ev.deregisterSecretEvent(id);
        });
    });
}

}  // namespace

void bindEventHandlers(Handlers& h) {
    bindDomainEvents(h);
    bindObjectEvents(h);
}

}  // namespace nodevirt::remote
