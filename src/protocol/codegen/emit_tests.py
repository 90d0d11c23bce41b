"""Emits the test-only sample builders (sample.h/.cc) and round-trip tests for every struct."""
from emit_types import BANNER
from model import SCALARS

SAMPLE_SCALAR = {"i32": "i32", "u32": "u32", "i64": "i64", "u64": "u64", "f64": "f64",
                 "char": "ch", "uchar": "uch", "ushort": "ush"}


def sample_fn(s):
    return "sample%s" % s.cpp_name


def value_expr(m, t):
    if t.kind == "scalar":
        return "s.%s()" % SAMPLE_SCALAR[t.name]
    if t.kind == "string":
        return "s.str()"
    if t.kind in ("opaque", "chars"):
        return "s.bytes()"
    if t.kind == "cstring":
        return "s.cstr(%s - 1)" % limit_value(m, t.limit)
    if t.kind == "fixed_cstring":
        return "s.cstr(%d)" % t.size
    if t.kind == "uuid":
        return "s.uuid()"
    return "%s(s)" % sample_fn(m.structs[t.name])


def limit_value(m, limit):
    return limit if limit.isdigit() else str(m.limits[limit])


def field_fill(m, f):
    t, target = f.type, "v.%s" % f.cpp_name
    if t.kind == "list":
        return ("    for (size_t i = 0, n = s.listSize(); i < n; ++i) %s.push_back(%s);\n"
                % (target, value_expr(m, t.elem)))
    if t.optional:
        return "    if (s.present()) %s = %s;\n" % (target, value_expr(m, t))
    return "    %s = %s;\n" % (target, value_expr(m, t))


def union_fill(m, s):
    sizes = [f.type.min_wire(m) for _, f in s.arms]
    smallest = sizes.index(min(sizes))
    out = ["    switch (s.arm(%d, %d)) {\n" % (len(s.arms), smallest)]
    for index, (_, f) in enumerate(s.arms):
        out.append("        case %d:\n            v.value.emplace<%d>(%s);\n            break;\n"
                   % (index, index, value_expr(m, f.type)))
    out.append("    }\n")
    return "".join(out)


def emit_sample(m):
    structs = m.ordered_structs()
    header = [BANNER, "// Test-only: deterministic sample values for every generated struct.\n"
              "#pragma once\n\n#include \"protocol/generated/types.h\"\n"
              "#include \"protocol/sampler.h\"\n\nnamespace nodevirt::protocol {\n\n"]
    body = [BANNER, '#include "protocol/generated/sample.h"\n\n'
            "namespace nodevirt::protocol {\n\n"]
    for s in structs:
        header.append("%s %s(Sampler& s);\n" % (s.cpp_name, sample_fn(s)))
        body.append("%s %s(Sampler& s) {\n    %s v;\n" % (s.cpp_name, sample_fn(s), s.cpp_name))
        if s.is_union:
            body.append(union_fill(m, s))
        else:
            if not s.fields:
                body.append("    (void)s;\n")
            body.extend(field_fill(m, f) for f in s.fields)
        body.append("    return v;\n}\n\n")
    header.append("\n}  // namespace nodevirt::protocol\n")
    body.append("}  // namespace nodevirt::protocol\n")
    return "".join(header), "".join(body)


def smallest_encoding(m, t):
    """Size the encoder produces for the mode-0 sample: kMinWireSize, except that an empty
    C string still carries its NUL (count 1 plus one word)."""
    if t.kind == "cstring" and not t.optional:
        return 8
    if t.kind in ("struct", "union") and not t.optional:
        return struct_smallest(m, m.structs[t.name])
    return t.min_wire(m)


def struct_smallest(m, s):
    if s.is_union:
        return 4 + min(smallest_encoding(m, f.type) for _, f in s.arms)
    return sum(smallest_encoding(m, f.type) for f in s.fields)


def emit_roundtrip_tests(m, parts):
    structs = m.ordered_structs()
    files = []
    for index in range(parts):
        out = [BANNER, "// Round-trip tests, part %d of %d.\n" % (index + 1, parts),
               '#include <gtest/gtest.h>\n\n#include "protocol/generated/sample.h"\n'
               '#include "protocol/roundtrip_check.h"\n\n'
               "namespace nodevirt::protocol {\nnamespace {\n\n"]
        for s in structs[index::parts]:
            out.append("TEST(RoundTripTest, %s) { checkRoundTrip(&%s, %d); }\n"
                       % (s.cpp_name, sample_fn(s), struct_smallest(m, s)))
        out.append("\n}  // namespace\n}  // namespace nodevirt::protocol\n")
        files.append("".join(out))
    return files
