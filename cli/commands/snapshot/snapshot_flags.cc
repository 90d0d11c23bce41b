#include "cli/commands/snapshot/snapshot_flags.h"

#include "cli/command_util.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

struct Flag {
    const char* option;
    unsigned flag;
    const char* help;
};

constexpr Flag kFlags[] = {
    {"no-metadata", lv::kDomainSnapshotCreateNoMetadata, "take the snapshot but keep no metadata"},
    {"halt", lv::kDomainSnapshotCreateHalt, "stop the domain after the snapshot"},
    {"disk-only", lv::kDomainSnapshotCreateDiskOnly, "disks only, no memory state"},
    {"reuse-external", lv::kDomainSnapshotCreateReuseExt, "reuse existing external files"},
    {"quiesce", lv::kDomainSnapshotCreateQuiesce, "quiesce the guest's file systems"},
    {"atomic", lv::kDomainSnapshotCreateAtomic, "all disks or none"},
    {"live", lv::kDomainSnapshotCreateLive, "take the snapshot while the domain runs"},
    {"validate", lv::kDomainSnapshotCreateValidate, "check the XML against the schema first"},
};

}  // namespace

void appendSnapshotCreateOptions(std::vector<OptionDef>& opts, bool with_print_xml) {
    if (with_print_xml) opts.push_back(boolOpt("print-xml", "print the XML instead of creating"));
    for (const Flag& f : kFlags) opts.push_back(boolOpt(f.option, f.help));
}

unsigned snapshotCreateFlags(const ParsedCommand& cmd) {
    unsigned flags = 0;
    for (const Flag& f : kFlags) {
        if (cmd.has(f.option)) flags |= f.flag;
    }
    return flags;
}

}  // namespace nodevirt::cli
