#!/usr/bin/python3
"""Bootstraps and cross-checks src/protocol/wire_protocol.def against the census fact table.

The description file is ours and hand-maintained; this script only helped write its first
version and now keeps it honest:

    scripts/dev/protocol-bootstrap.py emit  TSV > wire_protocol.def   # first draft (done once)
    scripts/dev/protocol-bootstrap.py check TSV src/protocol/wire_protocol.def

`check` compares every procedure's number, name, field names, field order and wire type with
the census table (../shared/protocol/procedures.tsv) and reports any difference. Attributes
(access, fast, limits) are ours and are not checked.
"""
import re
import sys


# Per (procedure, field) list/opaque maxima. Field names are wire names; "*" = any procedure.
LIMITS = {
    ("DOMAIN_GET_VCPUS", "info"): "VCPUINFO_MAX",
    ("DOMAIN_GET_VCPUS", "cpumaps"): "CPUMAPS_MAX",
    ("DOMAIN_GET_VCPU_PIN_INFO", "cpumaps"): "CPUMAPS_MAX",
    ("DOMAIN_GET_EMULATOR_PIN_INFO", "cpumaps"): "CPUMAPS_MAX",
    ("*", "cpumap"): "CPUMAP_MAX",
    ("*", "cookie"): "MIGRATE_COOKIE_MAX",
    ("*", "cookie_in"): "MIGRATE_COOKIE_MAX",
    ("*", "cookie_out"): "MIGRATE_COOKIE_MAX",
    ("CONNECT_LIST_DEFINED_DOMAINS", "names"): "DOMAIN_LIST_MAX",
    ("CONNECT_LIST_DOMAINS", "ids"): "DOMAIN_LIST_MAX",
    ("CONNECT_LIST_ALL_DOMAINS", "domains"): "DOMAIN_LIST_MAX",
    ("CONNECT_GET_ALL_DOMAIN_STATS", "doms"): "DOMAIN_LIST_MAX",
    ("CONNECT_GET_ALL_DOMAIN_STATS", "retStats"): "DOMAIN_LIST_MAX",
    ("CONNECT_LIST_NETWORKS", "names"): "NETWORK_LIST_MAX",
    ("CONNECT_LIST_DEFINED_NETWORKS", "names"): "NETWORK_LIST_MAX",
    ("CONNECT_LIST_ALL_NETWORKS", "nets"): "NETWORK_LIST_MAX",
    ("NETWORK_LIST_ALL_PORTS", "ports"): "NETWORK_PORT_LIST_MAX",
    ("CONNECT_LIST_STORAGE_POOLS", "names"): "STORAGE_POOL_LIST_MAX",
    ("CONNECT_LIST_DEFINED_STORAGE_POOLS", "names"): "STORAGE_POOL_LIST_MAX",
    ("CONNECT_LIST_ALL_STORAGE_POOLS", "pools"): "STORAGE_POOL_LIST_MAX",
    ("STORAGE_POOL_LIST_VOLUMES", "names"): "STORAGE_VOL_LIST_MAX",
    ("STORAGE_POOL_LIST_ALL_VOLUMES", "vols"): "STORAGE_VOL_LIST_MAX",
    ("NODE_LIST_DEVICES", "names"): "NODE_DEVICE_LIST_MAX",
    ("CONNECT_LIST_ALL_NODE_DEVICES", "devices"): "NODE_DEVICE_LIST_MAX",
    ("NODE_DEVICE_LIST_CAPS", "names"): "NODE_DEVICE_CAPS_LIST_MAX",
    ("CONNECT_LIST_INTERFACES", "names"): "INTERFACE_LIST_MAX",
    ("CONNECT_LIST_DEFINED_INTERFACES", "names"): "INTERFACE_LIST_MAX",
    ("CONNECT_LIST_ALL_INTERFACES", "ifaces"): "INTERFACE_LIST_MAX",
    ("CONNECT_LIST_SECRETS", "uuids"): "SECRET_LIST_MAX",
    ("CONNECT_LIST_ALL_SECRETS", "secrets"): "SECRET_LIST_MAX",
    ("CONNECT_LIST_NWFILTERS", "names"): "NWFILTER_LIST_MAX",
    ("CONNECT_LIST_ALL_NWFILTERS", "filters"): "NWFILTER_LIST_MAX",
    ("CONNECT_LIST_ALL_NWFILTER_BINDINGS", "bindings"): "NWFILTER_BINDING_LIST_MAX",
    ("DOMAIN_SNAPSHOT_LIST_NAMES", "names"): "DOMAIN_SNAPSHOT_LIST_MAX",
    ("DOMAIN_SNAPSHOT_LIST_CHILDREN_NAMES", "names"): "DOMAIN_SNAPSHOT_LIST_MAX",
    ("DOMAIN_LIST_ALL_SNAPSHOTS", "snapshots"): "DOMAIN_SNAPSHOT_LIST_MAX",
    ("DOMAIN_SNAPSHOT_LIST_ALL_CHILDREN", "snapshots"): "DOMAIN_SNAPSHOT_LIST_MAX",
    ("DOMAIN_LIST_ALL_CHECKPOINTS", "checkpoints"): "DOMAIN_CHECKPOINT_LIST_MAX",
    ("DOMAIN_CHECKPOINT_LIST_ALL_CHILDREN", "checkpoints"): "DOMAIN_CHECKPOINT_LIST_MAX",
    ("AUTH_LIST", "types"): "AUTH_TYPE_LIST_MAX",
    ("*", "data"): "AUTH_SASL_DATA_MAX",
    ("NODE_GET_CELLS_FREE_MEMORY", "cells"): "NODE_MAX_CELLS",
    ("NODE_GET_FREE_PAGES", "pages"): "NODE_MAX_CELLS",
    ("NODE_GET_FREE_PAGES", "counts"): "NODE_MAX_CELLS",
    ("NODE_ALLOC_PAGES", "pageSizes"): "NODE_MAX_CELLS",
    ("NODE_ALLOC_PAGES", "pageCounts"): "NODE_MAX_CELLS",
    ("DOMAIN_BLOCK_PEEK", "buffer"): "DOMAIN_BLOCK_PEEK_BUFFER_MAX",
    ("DOMAIN_MEMORY_PEEK", "buffer"): "DOMAIN_MEMORY_PEEK_BUFFER_MAX",
    ("*", "label"): "SECURITY_LABEL_MAX",
    ("*", "model"): "SECURITY_MODEL_MAX",
    ("*", "doi"): "SECURITY_DOI_MAX",
    ("*", "value"): "SECRET_VALUE_MAX",
    ("DOMAIN_MEMORY_STATS", "stats"): "DOMAIN_MEMORY_STATS_MAX",
    ("CONNECT_BASELINE_CPU", "xmlCPUs"): "CPU_BASELINE_MAX",
    ("CONNECT_BASELINE_HYPERVISOR_CPU", "xmlCPUs"): "CPU_BASELINE_MAX",
    ("*", "subject"): "DOMAIN_EVENT_GRAPHICS_IDENTITY_MAX",
    ("DOMAIN_SEND_KEY", "keycodes"): "DOMAIN_SEND_KEY_MAX",
    ("NODE_GET_CPU_STATS", "params"): "NODE_CPU_STATS_MAX",
    ("NODE_GET_MEMORY_STATS", "params"): "NODE_MEMORY_STATS_MAX",
    ("DOMAIN_GET_DISK_ERRORS", "errors"): "DOMAIN_DISK_ERRORS_MAX",
    ("DOMAIN_GET_SECURITY_LABEL_LIST", "labels"): "SECURITY_LABEL_LIST_MAX",
    ("CONNECT_GET_CPU_MODEL_NAMES", "models"): "CONNECT_CPU_MODELS_MAX",
    ("DOMAIN_FSFREEZE", "mountpoints"): "DOMAIN_FSFREEZE_MOUNTPOINTS_MAX",
    ("DOMAIN_FSTHAW", "mountpoints"): "DOMAIN_FSFREEZE_MOUNTPOINTS_MAX",
    ("NETWORK_GET_DHCP_LEASES", "leases"): "NETWORK_DHCP_LEASES_MAX",
    ("DOMAIN_GET_FSINFO", "info"): "DOMAIN_FSINFO_MAX",
    ("domain_fsinfo", "dev_aliases"): "DOMAIN_FSINFO_DISKS_MAX",
    ("DOMAIN_GET_IOTHREAD_INFO", "info"): "IOTHREAD_INFO_MAX",
    ("DOMAIN_INTERFACE_ADDRESSES", "ifaces"): "DOMAIN_INTERFACE_MAX",
    ("domain_interface", "addrs"): "DOMAIN_IP_ADDR_MAX",
    ("DOMAIN_AUTHORIZED_SSH_KEYS_GET", "keys"): "DOMAIN_AUTHORIZED_SSH_KEYS_MAX",
    ("DOMAIN_AUTHORIZED_SSH_KEYS_SET", "keys"): "DOMAIN_AUTHORIZED_SSH_KEYS_MAX",
    ("DOMAIN_GET_MESSAGES", "msgs"): "DOMAIN_MESSAGES_MAX",
    ("domain_stats_record", "params"): "CONNECT_GET_ALL_DOMAIN_STATS_MAX",
}

# Typed-parameter list maxima by procedure.
TPARAM_LIMITS = {
    "DOMAIN_GET_SCHEDULER_PARAMETERS": "DOMAIN_SCHEDULER_PARAMETERS_MAX",
    "DOMAIN_SET_SCHEDULER_PARAMETERS": "DOMAIN_SCHEDULER_PARAMETERS_MAX",
    "DOMAIN_SET_SCHEDULER_PARAMETERS_FLAGS": "DOMAIN_SCHEDULER_PARAMETERS_MAX",
    "DOMAIN_GET_SCHEDULER_PARAMETERS_FLAGS": "DOMAIN_SCHEDULER_PARAMETERS_MAX",
    "DOMAIN_SET_MEMORY_PARAMETERS": "DOMAIN_MEMORY_PARAMETERS_MAX",
    "DOMAIN_GET_MEMORY_PARAMETERS": "DOMAIN_MEMORY_PARAMETERS_MAX",
    "DOMAIN_SET_BLKIO_PARAMETERS": "DOMAIN_BLKIO_PARAMETERS_MAX",
    "DOMAIN_GET_BLKIO_PARAMETERS": "DOMAIN_BLKIO_PARAMETERS_MAX",
    "DOMAIN_BLOCK_STATS_FLAGS": "DOMAIN_BLOCK_STATS_PARAMETERS_MAX",
    "DOMAIN_SET_BLOCK_IO_TUNE": "DOMAIN_BLOCK_IO_TUNE_PARAMETERS_MAX",
    "DOMAIN_GET_BLOCK_IO_TUNE": "DOMAIN_BLOCK_IO_TUNE_PARAMETERS_MAX",
    "DOMAIN_SET_NUMA_PARAMETERS": "DOMAIN_NUMA_PARAMETERS_MAX",
    "DOMAIN_GET_NUMA_PARAMETERS": "DOMAIN_NUMA_PARAMETERS_MAX",
    "DOMAIN_SET_INTERFACE_PARAMETERS": "DOMAIN_INTERFACE_PARAMETERS_MAX",
    "DOMAIN_GET_INTERFACE_PARAMETERS": "DOMAIN_INTERFACE_PARAMETERS_MAX",
    "DOMAIN_GET_CPU_STATS": "DOMAIN_GET_CPU_STATS_MAX",
    "NODE_SET_MEMORY_PARAMETERS": "NODE_MEMORY_PARAMETERS_MAX",
    "NODE_GET_MEMORY_PARAMETERS": "NODE_MEMORY_PARAMETERS_MAX",
    "DOMAIN_GET_JOB_STATS": "DOMAIN_JOB_STATS_MAX",
    "DOMAIN_EVENT_CALLBACK_JOB_COMPLETED": "DOMAIN_JOB_STATS_MAX",
    "DOMAIN_BLOCK_COPY": "DOMAIN_BLOCK_COPY_PARAMETERS_MAX",
    "DOMAIN_EVENT_CALLBACK_TUNABLE": "DOMAIN_EVENT_TUNABLE_MAX",
    "DOMAIN_GET_PERF_EVENTS": "DOMAIN_PERF_EVENTS_MAX",
    "DOMAIN_SET_PERF_EVENTS": "DOMAIN_PERF_EVENTS_MAX",
    "DOMAIN_GET_GUEST_VCPUS": "DOMAIN_GUEST_VCPU_PARAMS_MAX",
    "NODE_GET_SEV_INFO": "NODE_SEV_INFO_MAX",
    "DOMAIN_GET_LAUNCH_SECURITY_INFO": "DOMAIN_LAUNCH_SECURITY_INFO_PARAMS_MAX",
    "DOMAIN_SET_LAUNCH_SECURITY_STATE": "DOMAIN_LAUNCH_SECURITY_STATE_PARAMS_MAX",
    "DOMAIN_SET_IOTHREAD_PARAMS": "DOMAIN_IOTHREAD_PARAMS_MAX",
    "NETWORK_PORT_GET_PARAMETERS": "NETWORK_PORT_PARAMETERS_MAX",
    "NETWORK_PORT_SET_PARAMETERS": "NETWORK_PORT_PARAMETERS_MAX",
    "DOMAIN_GET_GUEST_INFO": "DOMAIN_GUEST_INFO_PARAMS_MAX",
    "CONNECT_SET_IDENTITY": "CONNECT_IDENTITY_PARAMS_MAX",
    "DOMAIN_SAVE_PARAMS": "DOMAIN_SAVE_PARAMS_MAX",
    "DOMAIN_RESTORE_PARAMS": "DOMAIN_SAVE_PARAMS_MAX",
}
for p in ("BEGIN3", "PREPARE3", "PREPARE_TUNNEL3", "PERFORM3", "FINISH3", "CONFIRM3"):
    TPARAM_LIMITS["DOMAIN_MIGRATE_%s_PARAMS" % p] = "DOMAIN_MIGRATE_PARAM_LIST_MAX"

HANDLES = {
    "domain": "nonnull_domain", "network": "nonnull_network", "nwfilter": "nonnull_nwfilter",
    "nwfilter_binding": "nonnull_nwfilter_binding", "interface": "nonnull_interface",
    "storage_pool": "nonnull_storage_pool", "storage_vol": "nonnull_storage_vol",
    "node_device": "nonnull_node_device", "secret": "nonnull_secret",
    "domain_snapshot": "nonnull_domain_snapshot", "domain_checkpoint": "nonnull_domain_checkpoint",
    "network_port": "nonnull_network_port", "tparam": "typed_param",
}
CSTRING_FIELDS = {"label", "model", "doi"}


def limit_for(owner, field, kind):
    for key in ((owner, field), ("*", field)):
        if key in LIMITS:
            return LIMITS[key]
    if kind == "tparam":
        return TPARAM_LIMITS.get(owner)
    return None


def convert_type(owner, field, t):
    """Census notation -> our notation."""
    m = re.fullmatch(r"i32\(char\)\[32 fixed\]", t)
    if m:
        return "cstring[32]"
    if t == "i32(char)[]":
        kind = "cstring" if field in CSTRING_FIELDS else "chars"
        return "%s<%s>" % (kind, limit_for(owner, field, kind))
    simple = {"i32(char)": "char", "u32(uchar)": "uchar", "u32(ushort)": "ushort",
              "str": "string", "str?": "string?", "i32(auth)": "i32"}
    if t in simple:
        return simple[t]
    if t == "opaque<>":
        return "opaque<%s>" % limit_for(owner, field, "opaque")
    if t.endswith("[]"):
        inner = t[:-2]
        kind = "tparam" if inner == "tparam" else "list"
        elem = convert_type(owner, field, inner)
        return "list<%s, %s>" % (elem, limit_for(owner, field, kind))
    if t.startswith("{") and t.endswith("}"):
        return t[1:-1]
    optional = t.endswith("?")
    base = t[:-1] if optional else t
    base = HANDLES.get(base, base)
    return base + ("?" if optional else "")


def split_fields(text):
    """'a:i32, b:{x}[]' -> [(name, type)] honouring nested braces."""
    out, depth, cur = [], 0, ""
    for ch in text:
        if ch == "," and depth == 0:
            out.append(cur.strip())
            cur = ""
            continue
        depth += ch == "{"
        depth -= ch == "}"
        cur += ch
    if cur.strip():
        out.append(cur.strip())
    return [tuple(x.split(":", 1)) for x in out]


def parse_tsv(path):
    procs, structs = [], {}
    for line in open(path):
        if line.startswith("#") or not line.strip():
            continue
        cols = line.rstrip("\n").split("\t")
        prog, num, name, args, ret = cols[:5]
        notes = cols[5] if len(cols) > 5 else ""
        if prog == "STRUCT":
            structs[name] = split_fields(args)
            continue
        msg = None
        if ret.startswith("msg{"):
            msg, ret = split_fields(ret[4:-1]), "-"
        procs.append(dict(prog=prog, num=int(num), name=name, notes=notes,
                          args=[] if args == "-" else split_fields(args),
                          ret=[] if ret == "-" else split_fields(ret), msg=msg))
    return procs, structs


def converted(owner, fields):
    return [(n, convert_type(owner, n, t)) for n, t in fields]


def check(tsv_path, def_path):
    sys.path.insert(0, __file__.rsplit("/scripts/", 1)[0] + "/src/protocol/codegen")
    import model  # the generator's own parser
    procs, structs = parse_tsv(tsv_path)
    desc = model.parse_file(def_path)
    problems = []
    by_key = {(p.program, p.number): p for p in desc.procs}
    for p in procs:
        ours = by_key.pop((p["prog"], p["num"]), None)
        if ours is None:
            problems.append("missing %s %d %s" % (p["prog"], p["num"], p["name"]))
            continue
        if ours.name != p["name"]:
            problems.append("%s %d: name %s != %s" % (p["prog"], p["num"], ours.name, p["name"]))
        for section in ("args", "ret", "msg"):
            want = converted(p["name"], p[section] or [])
            have = [(f.name, f.type_text) for f in desc.section_fields(ours, section)]
            if [(n, strip_limit(t)) for n, t in want] != [(n, strip_limit(t)) for n, t in have]:
                problems.append("%s %s: %s differs:\n  census %s\n  ours   %s" %
                                (p["prog"], p["name"], section, want, have))
    for (prog, num), p in by_key.items():
        if prog != "KEEPALIVE":
            problems.append("extra %s %d %s" % (prog, num, p.name))
    for name, fields in structs.items():
        s = desc.structs.get(name)
        want = converted(name, fields)
        have = [(f.name, f.type_text) for f in s.fields] if s else None
        if have is None or [(n, strip_limit(t)) for n, t in want] != \
                [(n, strip_limit(t)) for n, t in have]:
            problems.append("struct %s differs:\n  census %s\n  ours   %s" % (name, want, have))
    for line in problems:
        print(line)
    print("%d procedures and %d structs checked, %d problems" %
          (len(procs), len(structs), len(problems)))
    return 1 if problems else 0


def strip_limit(t):
    """Limits are our own decisions; compare shapes only."""
    return re.sub(r"<[A-Z0-9_]+>", "<>", re.sub(r", [A-Z0-9_]+>", ">", t))


PRIVATE = {  # reads that libvirt refuses on read-only connections (verified with virsh -r)
    "SECRET_GET_VALUE", "DOMAIN_BLOCK_PEEK", "DOMAIN_MEMORY_PEEK", "DOMAIN_OPEN_CONSOLE",
    "DOMAIN_OPEN_CHANNEL", "DOMAIN_SCREENSHOT", "STORAGE_VOL_DOWNLOAD",
    "CONNECT_DOMAIN_XML_FROM_NATIVE", "CONNECT_DOMAIN_XML_TO_NATIVE",
    "CONNECT_FIND_STORAGE_POOL_SOURCES", "DOMAIN_GET_TIME", "DOMAIN_GET_HOSTNAME",
    "DOMAIN_GET_FSINFO", "DOMAIN_GET_GUEST_INFO", "DOMAIN_GET_GUEST_VCPUS",
    "DOMAIN_AUTHORIZED_SSH_KEYS_GET", "DOMAIN_GET_LAUNCH_SECURITY_INFO", "NODE_GET_SEV_INFO",
    "CONNECT_GET_DOMAIN_CAPABILITIES", "CONNECT_COMPARE_HYPERVISOR_CPU",
    "CONNECT_BASELINE_HYPERVISOR_CPU", "DOMAIN_MIGRATE_GET_MAX_SPEED",
    "DOMAIN_SAVE_IMAGE_GET_XML_DESC", "DOMAIN_OPEN_GRAPHICS", "DOMAIN_OPEN_GRAPHICS_FD",
}
RO_DENY = {
    "DOMAIN_GET_XML_DESC": "flags&0x1", "DOMAIN_SNAPSHOT_GET_XML_DESC": "flags&0x1",
    "DOMAIN_CHECKPOINT_GET_XML_DESC": "flags&0x1", "DOMAIN_MANAGED_SAVE_GET_XML_DESC": "flags&0x1",
    "DOMAIN_GET_VCPUS_FLAGS": "flags&0x8", "DOMAIN_INTERFACE_ADDRESSES": "source==1",
}
READ_EXTRA = {
    "CONNECT_OPEN", "CONNECT_CLOSE", "CONNECT_SUPPORTS_FEATURE", "CONNECT_COMPARE_CPU",
    "CONNECT_BASELINE_CPU", "DOMAIN_SNAPSHOT_CURRENT", "DOMAIN_MEMORY_STATS",
    "DOMAIN_BLOCK_STATS", "DOMAIN_INTERFACE_STATS", "DOMAIN_INTERFACE_ADDRESSES",
    "CONNECT_REGISTER_CLOSE_CALLBACK", "CONNECT_UNREGISTER_CLOSE_CALLBACK",
}
READ_PATTERNS = ("_LOOKUP_", "_GET_", "LIST_", "NUM_OF_", "_IS_", "_HAS_", "AUTH_",
                 "EVENT_REGISTER", "EVENT_DEREGISTER", "EVENT_CALLBACK_REGISTER",
                 "EVENT_CALLBACK_DEREGISTER", "MONITOR_EVENT_REGISTER",
                 "MONITOR_EVENT_DEREGISTER", "_STATS")
WRITE_EXTRA = {"CONNECT_SET_IDENTITY", "DOMAIN_AGENT_SET_RESPONSE_TIMEOUT"}
FAST = {
    "CONNECT_GET_TYPE", "CONNECT_GET_VERSION", "CONNECT_GET_LIB_VERSION", "CONNECT_GET_HOSTNAME",
    "CONNECT_GET_URI", "CONNECT_GET_CAPABILITIES", "CONNECT_GET_SYSINFO",
    "CONNECT_GET_MAX_VCPUS", "CONNECT_SUPPORTS_FEATURE", "CONNECT_IS_SECURE", "AUTH_LIST",
    "NODE_GET_INFO", "NODE_GET_SECURITY_MODEL", "CONNECT_REGISTER_CLOSE_CALLBACK",
    "CONNECT_UNREGISTER_CLOSE_CALLBACK", "DOMAIN_GET_INFO", "DOMAIN_GET_STATE",
    "DOMAIN_GET_OS_TYPE", "DOMAIN_GET_MAX_MEMORY", "DOMAIN_GET_MAX_VCPUS",
    "DOMAIN_GET_CONTROL_INFO", "DOMAIN_GET_METADATA", "DOMAIN_GET_MESSAGES",
    "DOMAIN_GET_SECURITY_LABEL", "DOMAIN_GET_SECURITY_LABEL_LIST", "DOMAIN_GET_VCPU_PIN_INFO",
    "DOMAIN_GET_EMULATOR_PIN_INFO", "DOMAIN_HAS_MANAGED_SAVE_IMAGE",
    "DOMAIN_HAS_CURRENT_SNAPSHOT", "DOMAIN_SNAPSHOT_CURRENT", "NETWORK_GET_BRIDGE_NAME",
    "STORAGE_VOL_GET_PATH", "STORAGE_POOL_GET_INFO", "NODE_DEVICE_GET_PARENT",
    "NODE_DEVICE_NUM_OF_CAPS", "NODE_DEVICE_LIST_CAPS", "NODE_NUM_OF_DEVICES",
    "NODE_LIST_DEVICES", "STORAGE_POOL_NUM_OF_VOLUMES", "STORAGE_POOL_LIST_VOLUMES",
    "STORAGE_POOL_LIST_ALL_VOLUMES", "NETWORK_LIST_ALL_PORTS",
}
SLOW_XML = {"DOMAIN_MANAGED_SAVE_GET_XML_DESC", "STORAGE_VOL_GET_XML_DESC",
            "INTERFACE_GET_XML_DESC", "DOMAIN_SAVE_IMAGE_GET_XML_DESC"}
FDS = {("REMOTE", "DOMAIN_OPEN_GRAPHICS"): "in", ("REMOTE", "DOMAIN_CREATE_XML_WITH_FILES"): "in",
       ("REMOTE", "DOMAIN_CREATE_WITH_FILES"): "in", ("REMOTE", "DOMAIN_FD_ASSOCIATE"): "in",
       ("REMOTE", "DOMAIN_OPEN_GRAPHICS_FD"): "out", ("LXC", "DOMAIN_OPEN_NAMESPACE"): "out",
       ("QEMU", "DOMAIN_MONITOR_COMMAND_WITH_FILES"): "both"}
STREAMS = {"DOMAIN_OPEN_CONSOLE": "both", "DOMAIN_OPEN_CHANNEL": "both",
           "DOMAIN_MIGRATE_PREPARE_TUNNEL3_PARAMS": "write"}


def access_of(p):
    name = p["name"]
    if p["msg"] is not None:
        return None
    if p["prog"] in ("QEMU", "LXC") and "EVENT" not in name:
        return "write"
    if name in PRIVATE:
        return "private"
    if name in WRITE_EXTRA or "_SET_" in name:
        return "write"
    if name in READ_EXTRA or any(pat in name for pat in READ_PATTERNS) or \
            re.search(r"_NUM(_|$)", name):
        return "read"
    return "write"


def is_fast(p, access):
    name = p["name"]
    if access != "read" or name in RO_DENY or name in SLOW_XML:
        return False
    if name in FAST or "_LOOKUP_" in name or "REGISTER" in name:
        return True
    if re.search(r"_IS_(ACTIVE|PERSISTENT|UPDATED|CURRENT)$|_GET_AUTOSTART$|_GET_XML_DESC$", name):
        return "INTERFACE" not in name
    if re.match(r"CONNECT_(LIST|NUM_OF)_", name) and "INTERFACE" not in name:
        return True
    if re.match(r"DOMAIN_(SNAPSHOT|CHECKPOINT)_|DOMAIN_LIST_ALL_", name):
        return True
    return False


def attrs_of(p):
    out = ["event"] if p["msg"] is not None else []
    if "prio-high" in p["notes"]:
        out.append("prio")
    access = access_of(p)
    if access:
        out.append("access=" + access)
    if p["name"] in RO_DENY:
        out.append("ro-deny=" + RO_DENY[p["name"]])
    if access and is_fast(p, access):
        out.append("fast")
    stream = STREAMS.get(p["name"])
    if stream is None and "stream" in p["notes"]:
        stream = "read" if "readstream" in p["notes"] else "write"
    if stream:
        out.append("stream=" + stream)
    if "sparse" in p["notes"]:
        out.append("sparse")
    if (p["prog"], p["name"]) in FDS:
        out.append("fds=" + FDS[(p["prog"], p["name"])])
    if p["name"].startswith("AUTH_"):
        out.append("preauth")
    if p["name"] in ("CONNECT_OPEN", "CONNECT_SUPPORTS_FEATURE") or p["name"].startswith("AUTH_"):
        out.append("preopen")
    return out


def fields_text(fields, first_indent=8):
    """Comma-separated fields, wrapped before column 100 onto lines indented by 8."""
    lines, cur = [], ""
    for i, f in enumerate(fields):
        item = "%s: %s" % f + ("," if i + 1 < len(fields) else "")
        width = (first_indent if not lines else 8) + len(cur) + len(item) + 1
        if cur and width > 99:
            lines.append(cur)
            cur = item
        else:
            cur = (cur + " " + item) if cur else item
    lines.append(cur)
    return ("\n" + " " * 8).join(lines)


def emit(procs, structs):
    out = sys.stdout
    for name, fields in sorted(structs.items()):
        if name in ("nonnull_domain", "typed_param"):  # written by hand with the handles
            continue
        out.write("struct %s\n    %s\n" % (name, fields_text(converted(name, fields), 4)))
    current = None
    for p in procs:
        if p["prog"] != current:
            current = p["prog"]
            out.write("\n# ---- %s ----\n\n" % current)
        out.write("proc %s %d %s %s\n" % (p["prog"], p["num"], p["name"],
                                          " ".join(attrs_of(p))))
        for section in ("args", "ret", "msg"):
            fields = p[section]
            if not fields:
                continue
            ref = "%s_%s" % (p["name"].lower(), section)
            if ref in structs and converted(ref, structs[ref]) == converted(p["name"], fields):
                out.write("    %s = %s\n" % (section, ref))
            else:
                text = fields_text(converted(p["name"], fields), 5 + len(section))
                out.write("    %s %s\n" % (section, text))
    return 0


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "check":
        return check(sys.argv[2], sys.argv[3])
    if len(sys.argv) == 3 and sys.argv[1] == "emit":
        return emit(*parse_tsv(sys.argv[2]))
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
