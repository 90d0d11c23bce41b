// Procedures that open a stream (census §1.8): screenshots and volume downloads send data to
// the client, volume uploads receive it, consoles do both. The stream is bound to the call
// before its reply is queued; server→client data starts flowing only after the reply, so no
// data packet overtakes it.
#include "remote/common/convert.h"
#include "remote/server/call_context.h"
#include "rpc/data_stream_sink.h"

namespace nodevirt::remote {
namespace {

namespace p = protocol;
namespace pr = protocol::proc;
using Direction = rpc::DataStreamSink::Direction;

// Binds `data` to this call's stream. For directions that send to the client, the source is
// started once the reply is queued.
Status attachStream(CallContext& ctx, driver::DataStreamPtr data, Direction direction) {
    auto sink = std::make_unique<rpc::DataStreamSink>(std::move(data), encodeRemoteError, direction);
    NODEVIRT_ASSIGN_OR_RETURN(std::shared_ptr<rpc::ServerStream> stream,
                              ctx.client->openStream(ctx.header, std::move(sink)));
    ctx.streams.push_back(stream);
    if (direction != Direction::kFromClient) {
        ctx.after_reply.push_back([stream] { stream->startSource(); });
    }
    return ok();
}

}  // namespace

void bindStreamHandlers(Handlers& h) {
    on<pr::DomainScreenshot>(h, [](CallContext& ctx, const auto& a)
                                    -> Result<p::DomainScreenshotRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto shot, ctx.driver().domainLifecycle().screenshot(
                                                 fromWire(a.dom), a.screen, a.flags));
        NODEVIRT_TRY(attachStream(ctx, std::move(shot.second), Direction::kToClient));
        return p::DomainScreenshotRet{shot.first};
    });
    on<pr::StorageVolDownload>(h, [](CallContext& ctx, const auto& a) -> Result<p::Void> {
        NODEVIRT_ASSIGN_OR_RETURN(auto data, ctx.driver().storage().downloadVol(
                                                 fromWire(a.vol), a.offset, a.length, a.flags));
        NODEVIRT_TRY(attachStream(ctx, std::move(data), Direction::kToClient));
        return p::Void{};
    });
    on<pr::StorageVolUpload>(h, [](CallContext& ctx, const auto& a) -> Result<p::Void> {
        NODEVIRT_ASSIGN_OR_RETURN(auto data, ctx.driver().storage().uploadVol(
                                                 fromWire(a.vol), a.offset, a.length, a.flags));
        NODEVIRT_TRY(attachStream(ctx, std::move(data), Direction::kFromClient));
        return p::Void{};
    });
    on<pr::DomainOpenConsole>(h, [](CallContext& ctx, const auto& a) -> Result<p::Void> {
        NODEVIRT_ASSIGN_OR_RETURN(auto data, ctx.driver().domainLifecycle().openConsole(
                                                 fromWire(a.dom), a.dev_name, a.flags));
        NODEVIRT_TRY(attachStream(ctx, std::move(data), Direction::kBoth));
        return p::Void{};
    });
}

}  // namespace nodevirt::remote
