// Server-side dispatch table: maps (program, procedure) to a typed handler
// `Result<Ret>(Context&, const Args&)` bound explicitly per procedure. Dispatching decodes the
// args (enforcing every limit), applies the read-only rules of the description, runs the
// handler and encodes its ret. Unbound procedures answer libvirt's "unknown procedure: N".
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/error_codec.h"
#include "protocol/payload.h"
#include "protocol/procedure_info.h"
#include "util/result.h"
#include "xdr/decoder.h"

namespace nodevirt::protocol {

template <typename Context>
class Dispatcher {
  public:
    template <typename P>
    using Handler = std::function<Result<typename P::Ret>(Context&, const typename P::Args&)>;

    Dispatcher() : handlers_(allProcedures().size()) {}

    // Binds the handler of procedure P (a traits struct from generated/traits.h), replacing
    // any earlier binding.
    template <typename P>
    void bind(Handler<P> handler) {
        handlers_[indexOf(P::kProgram, P::kNumber)] = [h = std::move(handler)](
                                                          Context& ctx, std::string_view payload,
                                                          bool read_only) -> Result<std::string> {
            typename P::Args args{};
            xdr::Decoder dec(payload);
            if (!args.decode(dec)) return fail(dec.error());
            if constexpr (requires(const typename P::Args& a) { P::deniedOnReadOnly(a); }) {
                if (read_only && P::deniedOnReadOnly(args)) {
                    return fail(readOnlyDeniedError(P::kName));
                }
            }
            NODEVIRT_ASSIGN_OR_RETURN(typename P::Ret ret, h(ctx, args));
            return encodePayload(ret);
        };
    }

    // Runs one CALL: returns the encoded ret payload, or the error for the ERROR reply.
    // `read_only` is the connection's mode. The caller has already checked the program
    // version and the connection state (auth, open) against the procedure's flags.
    Result<std::string> dispatch(Context& ctx, uint32_t program, int32_t number,
                                 std::string_view args, bool read_only) const {
        const ProcedureInfo* info = findProcedure(program, number);
        if (info == nullptr || info->isEvent()) return fail(unknownProcedureError(number));
        const Raw& handler = handlers_[static_cast<size_t>(info - allProcedures().data())];
        if (!handler) return fail(unknownProcedureError(number));
        if (read_only && info->deniedOnReadOnly()) return fail(readOnlyDeniedError(info->name));
        return handler(ctx, args, read_only);
    }

    [[nodiscard]] bool isBound(uint32_t program, int32_t number) const {
        const ProcedureInfo* info = findProcedure(program, number);
        return info != nullptr &&
               static_cast<bool>(handlers_[static_cast<size_t>(info - allProcedures().data())]);
    }

  private:
    using Raw = std::function<Result<std::string>(Context&, std::string_view, bool)>;

    static size_t indexOf(xdr::Program program, int32_t number) {
        const ProcedureInfo* info = findProcedure(program, number);
        // Traits come from the same description as the table, so the lookup cannot miss.
        return static_cast<size_t>(info - allProcedures().data());
    }

    std::vector<Raw> handlers_;
};

}  // namespace nodevirt::protocol
