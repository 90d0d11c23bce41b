"""Parser and model of src/protocol/wire_protocol.def (syntax: docs/protocol.md).

Everything the emitters need is computed here once: C++ names, wire types, minimal wire
sizes and dependency order, so the emitters stay simple string builders. Any inconsistency
in the description is a hard error naming the file and line.
"""
import re

SCALARS = {
    # name: (C++ type, wire bytes, Encoder put, Decoder get)
    "i32": ("int32_t", 4, "putI32", "getI32"),
    "u32": ("uint32_t", 4, "putU32", "getU32"),
    "i64": ("int64_t", 8, "putI64", "getI64"),
    "u64": ("uint64_t", 8, "putU64", "getU64"),
    "f64": ("double", 8, "putDouble", "getDouble"),
    "char": ("int8_t", 4, "putChar", "getChar"),
    "uchar": ("uint8_t", 4, "putUChar", "getUChar"),
    "ushort": ("uint16_t", 4, "putUShort", "getUShort"),
}
SECTIONS = ("args", "ret", "msg")
PROGRAM_PREFIX = {"REMOTE": "", "QEMU": "Qemu", "LXC": "Lxc", "KEEPALIVE": "Keepalive"}
ACCESS = ("read", "write", "private")
CPP_KEYWORDS = {
    "alignas", "alignof", "and", "asm", "auto", "bool", "break", "case", "catch", "char",
    "class", "const", "continue", "default", "delete", "do", "double", "else", "enum",
    "explicit", "export", "extern", "false", "float", "for", "friend", "goto", "if", "inline",
    "int", "long", "mutable", "namespace", "new", "not", "operator", "or", "private",
    "protected", "public", "register", "return", "short", "signed", "sizeof", "static",
    "struct", "switch", "template", "this", "throw", "true", "try", "typedef", "typename",
    "union", "unsigned", "using", "virtual", "void", "volatile", "while", "xor",
}


class DescError(Exception):
    pass


def pascal(snake):
    return "".join(p[:1].upper() + p[1:].lower() for p in snake.split("_") if p)


def snake(wire):
    """Wire field name -> C++ member name: cpuTime -> cpu_time, xmlCPUs -> xml_cpus."""
    name = re.sub(r"([A-Z])([A-Z]+)s$", lambda m: m.group(1) + m.group(2).lower() + "s", wire)
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name).lower()
    return name + "_" if name in CPP_KEYWORDS else name


def limit_const(name):
    return "k" + pascal(name)


class Type:
    """kind: scalar|string|opaque|cstring|fixed_cstring|chars|uuid|list|struct|union."""

    def __init__(self, kind, name=None, limit=None, elem=None, optional=False, size=None):
        self.kind, self.name, self.limit, self.elem = kind, name, limit, elem
        self.optional, self.size = optional, size

    def cpp(self, model):
        base = {
            "scalar": lambda: SCALARS[self.name][0],
            "uuid": lambda: "Uuid",
            "list": lambda: "std::vector<%s>" % self.elem.cpp(model),
            "struct": lambda: model.cpp_name(self.name),
            "union": lambda: model.cpp_name(self.name),
        }.get(self.kind, lambda: "std::string")()
        return "std::optional<%s>" % base if self.optional else base

    def min_wire(self, model):
        if self.optional or self.kind in ("string", "opaque", "cstring", "chars", "list"):
            return 4
        if self.kind == "scalar":
            return SCALARS[self.name][1]
        if self.kind == "uuid":
            return 16
        if self.kind == "fixed_cstring":
            return 4 * self.size
        return model.min_wire(self.name)


class Field:
    def __init__(self, name, type_text, type_, line):
        self.name, self.type_text, self.type, self.line = name, type_text, type_, line
        self.cpp_name = snake(name)


class Struct:
    def __init__(self, name, line, cpp_name=None):
        self.name, self.line, self.fields = name, line, []
        self.cpp_name = cpp_name or pascal(name)
        self.is_union, self.arms = False, []  # arms: (case value, Field)


class Proc:
    def __init__(self, program, number, name, attrs, line):
        self.program, self.number, self.name, self.line = program, number, name, line
        self.attrs = attrs
        self.sections = {}  # section -> struct name (inline sections get a generated struct)
        self.cpp_base = PROGRAM_PREFIX[program] + pascal(name)

    def attr(self, key, default=None):
        return self.attrs.get(key, default)

    @property
    def is_event(self):
        return "event" in self.attrs


class Model:
    def __init__(self, path):
        self.path = path
        self.programs = {}  # name -> (number, version)
        self.limits = {}  # name -> value
        self.structs = {}  # name -> Struct (unions included)
        self.procs = []
        self._min_wire = {}

    def fail(self, line, message):
        raise DescError("%s:%d: %s" % (self.path, line, message))

    def cpp_name(self, struct_name):
        return self.structs[struct_name].cpp_name

    def min_wire(self, struct_name):
        if struct_name not in self._min_wire:
            s = self.structs[struct_name]
            if s.is_union:
                size = 4 + min(f.type.min_wire(self) for _, f in s.arms)
            else:
                size = sum(f.type.min_wire(self) for f in s.fields)
            self._min_wire[struct_name] = size
        return self._min_wire[struct_name]

    def section_fields(self, proc, section):
        name = proc.sections.get(section)
        return self.structs[name].fields if name else []

    def section_cpp(self, proc, section):
        name = proc.sections.get(section)
        return self.structs[name].cpp_name if name else "Void"

    def ordered_structs(self):
        """Structs and unions, each after everything it contains."""
        done, out = set(), []

        def visit(name, stack):
            if name in done:
                return
            if name in stack:
                self.fail(self.structs[name].line, "struct %s contains itself" % name)
            s = self.structs[name]
            fields = [f for _, f in s.arms] if s.is_union else s.fields
            for f in fields:
                t = f.type.elem if f.type.kind == "list" else f.type
                if t.kind in ("struct", "union"):
                    visit(t.name, stack | {name})
            done.add(name)
            out.append(s)

        for name in self.structs:
            visit(name, frozenset())
        return out


def split_top(text, sep=","):
    """Splits on sep outside <...>."""
    parts, depth, cur = [], 0, ""
    for ch in text:
        if ch == "<":
            depth += 1
        elif ch == ">":
            depth -= 1
        if ch == sep and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    return [p.strip() for p in parts if p.strip()]


class Parser:
    """Line-oriented: top-level statements start in column 0, bodies are indented."""

    def __init__(self, path):
        self.m = Model(path)
        self.pending_types = []  # (Type, line) resolved once every struct is known
        self.current = None  # (kind, object, section)

    def parse(self, text):
        for number, raw in enumerate(text.splitlines(), 1):
            line = raw.split("#", 1)[0].rstrip()
            if not line:
                continue
            if line[0] in " \t":
                self.body_line(line.strip(), number)
            else:
                self.statement(line.split(), number)
        self.finish()
        return self.m

    def statement(self, words, line):
        head = words[0]
        if head == "program" and len(words) == 4:
            self.m.programs[words[1]] = (int(words[2], 0), int(words[3]))
            self.current = None
        elif head == "limit" and len(words) == 3:
            if words[1] in self.m.limits:
                self.m.fail(line, "limit %s defined twice" % words[1])
            self.m.limits[words[1]] = int(words[2], 0)
            self.current = None
        elif head == "struct" and len(words) == 2:
            self.current = ("struct", self.new_struct(words[1], line), None)
        elif head == "union" and len(words) == 4 and words[2:] == ["switch", "i32"]:
            s = self.new_struct(words[1], line)
            s.is_union = True
            self.current = ("union", s, None)
        elif head == "proc" and len(words) >= 4:
            self.current = ("proc", self.new_proc(words, line), None)
        else:
            self.m.fail(line, "cannot parse statement: %s" % " ".join(words))

    def new_struct(self, name, line):
        if name in self.m.structs:
            self.m.fail(line, "struct %s defined twice" % name)
        s = Struct(name, line)
        self.m.structs[name] = s
        return s

    def new_proc(self, words, line):
        program, number, name = words[1], words[2], words[3]
        if program not in self.m.programs:
            self.m.fail(line, "unknown program %s" % program)
        attrs = {}
        for word in words[4:]:
            key, _, value = word.partition("=")
            attrs[key] = value if value else True
        p = Proc(program, int(number), name, attrs, line)
        self.m.procs.append(p)
        return p

    def body_line(self, text, line):
        if self.current is None:
            self.m.fail(line, "indented line outside a struct, union or proc")
        kind, obj, section = self.current
        if kind == "union":
            case, _, field = text.partition(" ")
            obj.arms.append((int(case, 0), self.field(field, line)))
            return
        if kind == "proc":
            first = text.split(" ", 1)[0]
            if first in SECTIONS:
                section = first
                rest = text[len(first):].strip()
                if section in obj.sections:
                    self.m.fail(line, "%s: section %s given twice" % (obj.name, section))
                if rest.startswith("="):
                    obj.sections[section] = rest[1:].strip()
                    self.current = ("proc", obj, None)
                    return
                struct = Struct(None, line, "%s%s" % (obj.cpp_base, section.capitalize()))
                struct.name = "%s.%s" % (obj.name if obj.program == "REMOTE"
                                         else obj.program + "." + obj.name, section)
                self.m.structs[struct.name] = struct
                obj.sections[section] = struct.name
                self.current = ("proc", obj, struct)
                text = rest
                section = struct
            if section is None:
                self.m.fail(line, "%s: field line outside args/ret/msg" % obj.name)
            obj = section
        for item in split_top(text):
            obj.fields.append(self.field(item, line))

    def field(self, text, line):
        name, sep, type_text = text.partition(":")
        if not sep or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name.strip()):
            self.m.fail(line, "bad field %r (want name: type)" % text)
        type_text = type_text.strip()
        return Field(name.strip(), type_text, self.type(type_text, line), line)

    def type(self, text, line):
        optional = text.endswith("?")
        base = text[:-1] if optional else text
        m = re.fullmatch(r"(\w+)<(.+)>", base)
        fixed = re.fullmatch(r"cstring\[(\d+)\]", base)
        if fixed:
            t = Type("fixed_cstring", size=int(fixed.group(1)))
        elif m and m.group(1) == "list":
            elem_text, _, limit = m.group(2).rpartition(",")
            t = Type("list", elem=self.type(elem_text.strip(), line), limit=limit.strip())
            if t.elem.optional or t.elem.kind not in ("scalar", "string", "struct", "union"):
                self.m.fail(line, "unsupported list element type %s" % elem_text)
        elif m and m.group(1) in ("string", "opaque", "cstring", "chars"):
            t = Type(m.group(1), limit=m.group(2).strip())
        elif base in SCALARS:
            t = Type("scalar", name=base)
        elif base == "string":
            t = Type("string", limit="STRING_MAX")
        elif base == "uuid":
            t = Type("uuid")
        elif re.fullmatch(r"[a-z_0-9]+", base):
            t = Type("struct", name=base)  # checked (and maybe turned into a union) in finish()
        else:
            self.m.fail(line, "unknown type %s" % text)
        if optional and t.kind not in ("string", "struct"):
            self.m.fail(line, "only strings and structs can be optional: %s" % text)
        t.optional = optional
        self.pending_types.append((t, line))
        return t

    def finish(self):
        m = self.m
        for t, line in self.pending_types:
            if t.kind == "struct":
                if t.name not in m.structs or "." in t.name:
                    m.fail(line, "unknown struct %s" % t.name)
                if m.structs[t.name].is_union:
                    t.kind = "union"
            if t.limit is not None and not t.limit.isdigit() and t.limit not in m.limits:
                m.fail(line, "unknown limit %s" % t.limit)
        self.check_procs()
        cpp_names = {}
        for s in m.structs.values():
            if s.cpp_name in cpp_names:
                m.fail(s.line, "C++ name %s of %s collides with %s; reference the struct "
                       "with 'section = name' instead" % (s.cpp_name, s.name, cpp_names[s.cpp_name]))
            cpp_names[s.cpp_name] = s.name
            members = [f.cpp_name for f in s.fields] + [f.cpp_name for _, f in s.arms]
            if len(set(members)) != len(members):
                m.fail(s.line, "struct %s has duplicate field names" % s.name)

    def check_procs(self):
        m, seen = self.m, {}
        for p in m.procs:
            key = (p.program, p.number)
            if key in seen:
                m.fail(p.line, "%s %d used by %s and %s" % (p.program, p.number, seen[key], p.name))
            seen[key] = p.name
            for section, struct in p.sections.items():
                if struct not in m.structs:
                    m.fail(p.line, "%s: unknown struct %s" % (p.name, struct))
            access = p.attr("access")
            if p.is_event:
                if access or "args" in p.sections or "ret" in p.sections:
                    m.fail(p.line, "%s: an event has only a msg section and no access" % p.name)
            else:
                if access not in ACCESS:
                    m.fail(p.line, "%s: access must be one of %s" % (p.name, "|".join(ACCESS)))
                if "msg" in p.sections:
                    m.fail(p.line, "%s: msg section needs the event attribute" % p.name)
            if p.attr("fast") and access != "read":
                m.fail(p.line, "%s: only access=read procedures can be fast" % p.name)
            rule = p.attr("ro-deny")
            if rule and not re.fullmatch(r"\w+(&0x[0-9a-fA-F]+|==\d+)", rule):
                m.fail(p.line, "%s: bad ro-deny rule %s" % (p.name, rule))
            if rule and rule.split("&")[0].split("=")[0] not in \
                    [f.name for f in m.section_fields(p, "args")]:
                m.fail(p.line, "%s: ro-deny names a field the args lack" % p.name)
            known = {"event", "prio", "access", "ro-deny", "fast", "stream", "sparse", "fds",
                     "preauth", "preopen"}
            for key in p.attrs:
                if key not in known:
                    m.fail(p.line, "%s: unknown attribute %s" % (p.name, key))
        for program in m.programs:
            numbers = sorted(p.number for p in m.procs if p.program == program)
            if numbers != list(range(1, len(numbers) + 1)):
                m.fail(1, "program %s procedure numbers are not 1..N without gaps" % program)


def parse_file(path):
    with open(path) as f:
        return Parser(path).parse(f.read())
