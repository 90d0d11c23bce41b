"""Emits the procedure enums and table, dispatch traits, client stubs and payload codecs."""
import re

from emit_types import BANNER
from model import pascal, snake

PROGRAM_ENUM = {"REMOTE": "kRemote", "QEMU": "kQemu", "LXC": "kLxc", "KEEPALIVE": "kKeepalive"}
ACCESS_ENUM = {"read": "kRead", "write": "kWrite", "private": "kPrivate", None: "kEvent"}
STREAM_ENUM = {None: "kNone", "read": "kRead", "write": "kWrite", "both": "kBoth"}


def procs_by_program(m):
    return [(prog, sorted((p for p in m.procs if p.program == prog), key=lambda p: p.number))
            for prog in m.programs]


def camel(p):
    base = p.cpp_base
    return base[:1].lower() + base[1:]


def emit_procedures_h(m):
    out = [BANNER, "// Procedure numbers of every program, as enums.\n#pragma once\n\n"
           "#include <cstddef>\n#include <cstdint>\n\n"
           '#include "protocol/procedure_info.h"\n\nnamespace nodevirt::protocol {\n\n']
    for prog, procs in procs_by_program(m):
        out.append("enum class %sProcedure : int32_t {\n" % pascal(prog))
        for p in procs:
            out.append("    k%s = %d,\n" % (pascal(p.name), p.number))
        out.append("};\ninline constexpr size_t k%sProcedureCount = %d;\n\n"
                   % (pascal(prog), len(procs)))
    out.append("}  // namespace nodevirt::protocol\n")
    return "".join(out)


def info_row(p):
    fds = {None: "kNone", "in": "kIn", "out": "kOut", "both": "kBoth"}[p.attr("fds")]
    flags = [
        "true" if p.attr("ro-deny") else "false",
        "true" if p.attr("prio") else "false",
        "true" if p.attr("fast") else "false",
        "StreamDirection::" + STREAM_ENUM[p.attr("stream")],
        "true" if p.attr("sparse") else "false",
        "FdPassing::" + fds,
        "true" if p.attr("preauth") else "false",
        "true" if p.attr("preopen") else "false",
    ]
    return '    {xdr::Program::%s, %d, "%s", Access::%s, %s},\n' % (
        PROGRAM_ENUM[p.program], p.number, p.name, ACCESS_ENUM[p.attr("access")],
        ", ".join(flags))


def emit_procedures_cc(m):
    out = [BANNER, "// The procedure table (see procedure_info.h).\n"
           '#include "protocol/generated/procedures.h"\n\n#include <array>\n\n'
           "namespace nodevirt::protocol {\nnamespace {\n\n"
           "constexpr ProcedureInfo kProcedures[] = {\n"]
    offsets, offset = [], 0
    for prog, procs in procs_by_program(m):
        offsets.append((prog, offset, len(procs)))
        offset += len(procs)
        for p in procs:
            out.append(info_row(p))
    out.append("};\n\n}  // namespace\n\n"
               "const ProcedureInfo* findProcedure(uint32_t program, int32_t number) {\n"
               "    size_t first = 0;\n    size_t count = 0;\n"
               "    switch (static_cast<xdr::Program>(program)) {\n")
    for prog, first, count in offsets:
        out.append("        case xdr::Program::%s:\n            first = %d;\n"
                   "            count = %d;\n            break;\n" % (PROGRAM_ENUM[prog], first, count))
    out.append("        default:\n            return nullptr;\n    }\n"
               "    if (number < 1 || static_cast<size_t>(number) > count) return nullptr;\n"
               "    return &kProcedures[first + static_cast<size_t>(number) - 1];\n}\n\n"
               "std::span<const ProcedureInfo> allProcedures() { return kProcedures; }\n\n"
               "}  // namespace nodevirt::protocol\n")
    return "".join(out)


def ro_rule_cpp(m, p):
    rule = p.attr("ro-deny")
    match = re.fullmatch(r"(\w+)&(0x[0-9a-fA-F]+)", rule)
    if match:
        return "(args.%s & %sU) != 0" % (snake(match.group(1)), match.group(2))
    field, value = rule.split("==")
    return "args.%s == %s" % (snake(field), value)


def emit_traits(m):
    out = [BANNER, "// One traits struct per procedure: program, number, name and payload types,\n"
           "// for the generic dispatcher and client (dispatcher.h, call.h).\n#pragma once\n\n"
           "#include <cstdint>\n#include <string_view>\n\n"
           '#include "protocol/generated/types.h"\n#include "xdr/frame.h"\n\n'
           "namespace nodevirt::protocol::proc {\n\n"]
    for p in m.procs:
        out.append("struct %s {\n" % p.cpp_base)
        out.append("    static constexpr xdr::Program kProgram = xdr::Program::%s;\n"
                   % PROGRAM_ENUM[p.program])
        out.append("    static constexpr int32_t kNumber = %d;\n" % p.number)
        out.append('    static constexpr std::string_view kName = "%s";\n' % p.name)
        if p.is_event:
            out.append("    using Msg = %s;\n" % m.section_cpp(p, "msg"))
        else:
            out.append("    using Args = %s;\n" % m.section_cpp(p, "args"))
            out.append("    using Ret = %s;\n" % m.section_cpp(p, "ret"))
        if p.attr("ro-deny"):
            out.append("    // Refused on read-only connections when this holds.\n"
                       "    static bool deniedOnReadOnly(const Args& args) { return %s; }\n"
                       % ro_rule_cpp(m, p))
        out.append("};\n\n")
    out.append("}  // namespace nodevirt::protocol::proc\n")
    return "".join(out)


def client_signature(m, p, qualified):
    args, ret = m.section_cpp(p, "args"), m.section_cpp(p, "ret")
    params = "" if args == "Void" else "const %s& args" % args
    result = "Status" if ret == "Void" else "Result<%s>" % ret
    name = ("RemoteClient::" if qualified else "") + camel(p)
    return "%s %s(%s)" % (result, name, params)


def emit_client(m):
    """client.h declares one method per callable procedure; client.cc defines them, so the
    ~450 call<P> instantiations are compiled once instead of in every includer."""
    header = [BANNER, "// Typed client stubs: one method per callable procedure of REMOTE, QEMU\n"
              "// and LXC, over any Transport (call.h).\n#pragma once\n\n"
              '#include "protocol/call.h"\n#include "protocol/generated/types.h"\n\n'
              "namespace nodevirt::protocol {\n\nclass RemoteClient {\npublic:\n"
              "    explicit RemoteClient(Transport& transport) : transport_(transport) {}\n\n"]
    body = [BANNER, '#include "protocol/generated/client.h"\n\n'
            '#include "protocol/generated/traits.h"\n\nnamespace nodevirt::protocol {\n\n']
    for p in m.procs:
        if p.is_event:
            continue
        header.append("    %s;\n" % client_signature(m, p, False))
        args, ret = m.section_cpp(p, "args"), m.section_cpp(p, "ret")
        pass_args = "Void{}" if args == "Void" else "args"
        helper = "callStatus" if ret == "Void" else "call"
        body.append("%s {\n    return %s<proc::%s>(transport_, %s);\n}\n\n"
                    % (client_signature(m, p, True), helper, p.cpp_base, pass_args))
    header.append("\nprivate:\n    Transport& transport_;\n};\n\n}  // namespace nodevirt::protocol\n")
    body.append("}  // namespace nodevirt::protocol\n")
    return "".join(header), "".join(body)


def emit_payload_codecs(m):
    out = [BANNER, "// Type-erased payload codecs per procedure (payload.h).\n"
           '#include "protocol/generated/traits.h"\n#include "protocol/payload.h"\n'
           '#include "protocol/procedure_info.h"\n\n'
           "namespace nodevirt::protocol {\nnamespace {\n\n"
           "struct Entry {\n    xdr::Program program;\n    int32_t number;\n"
           "    PayloadCodec codec;\n};\n\nconst Entry kCodecs[] = {\n"]
    for _, procs in procs_by_program(m):
        for p in procs:
            t = "proc::%s" % p.cpp_base
            if p.is_event:
                codec = "nullptr, nullptr, &reencode<%s::Msg>" % t
            else:
                codec = "&reencode<%s::Args>, &reencode<%s::Ret>, nullptr" % (t, t)
            out.append("    {%s::kProgram, %s::kNumber, {%s}},\n" % (t, t, codec))
    out.append("};\n\n}  // namespace\n\n"
               "const PayloadCodec* findPayloadCodec(uint32_t program, int32_t number) {\n"
               "    const ProcedureInfo* info = findProcedure(program, number);\n"
               "    if (info == nullptr) return nullptr;\n"
               "    // The table is in allProcedures() order.\n"
               "    return &kCodecs[static_cast<size_t>(info - allProcedures().data())].codec;\n"
               "}\n\n}  // namespace nodevirt::protocol\n")
    return "".join(out)
