// The one place that lists every command of the CLI, group by group.
#include "cli/commands/domain/domain_commands.h"
#include "cli/commands/event/event_commands.h"
#include "cli/commands/host/host_commands.h"
#include "cli/commands/iface/iface_commands.h"
#include "cli/commands/network/network_commands.h"
#include "cli/commands/nodedev/nodedev_commands.h"
#include "cli/commands/pool/pool_commands.h"
#include "cli/commands/secret/secret_commands.h"
#include "cli/commands/shell/shell_commands.h"
#include "cli/commands/snapshot/snapshot_commands.h"
#include "cli/commands/volume/volume_commands.h"
#include "cli/registry.h"

namespace nodevirt::cli {
namespace {

using Maker = CommandDef (*)();

void addAll(CommandRegistry& r, std::initializer_list<Maker> makers) {
    for (Maker make : makers) r.add(make());
}

}  // namespace

void registerAllCommands(CommandRegistry& r) {
    addAll(r, {attachDeviceCommand, attachDiskCommand, attachInterfaceCommand, autostartCommand,
               createCommand, defineCommand, descCommand, destroyCommand, detachDeviceCommand,
               detachDiskCommand, detachInterfaceCommand, domhostnameCommand, domidCommand,
               domnameCommand, domuuidCommand, dumpxmlCommand, managedsaveCommand,
               managedsaveRemoveCommand, memtuneCommand, metadataCommand, rebootCommand,
               resetCommand, restoreCommand, resumeCommand, saveCommand, schedinfoCommand,
               setmaxmemCommand, setmemCommand, setvcpusCommand, shutdownCommand, startCommand,
               suspendCommand, undefineCommand, updateDeviceCommand, vcpucountCommand,
               vcpuinfoCommand});
    addAll(r, {domblkinfoCommand, domblklistCommand, domblkstatCommand, domifstatCommand,
               domiflistCommand, dominfoCommand, dommemstatCommand, domstateCommand,
               domtimeCommand, listCommand});
    addAll(r, {eventCommand});
    addAll(r, {capabilitiesCommand, freecellCommand, hostnameCommand, maxvcpusCommand,
               nodecpumapCommand, nodeinfoCommand, sysinfoCommand, uriCommand, versionCommand});
    addAll(r, {ifaceDumpxmlCommand, ifaceListCommand, ifaceMacCommand, ifaceNameCommand});
    addAll(r, {netAutostartCommand, netCreateCommand, netDefineCommand, netDestroyCommand,
               netDumpxmlCommand, netInfoCommand, netListCommand, netNameCommand, netStartCommand,
               netUndefineCommand, netUuidCommand});
    addAll(r, {nodedevDumpxmlCommand, nodedevInfoCommand, nodedevListCommand});
    addAll(r, {secretDefineCommand, secretDumpxmlCommand, secretGetValueCommand,
               secretListCommand, secretSetValueCommand, secretUndefineCommand});
    addAll(r, {snapshotCreateAsCommand, snapshotCreateCommand, snapshotCurrentCommand,
               snapshotDeleteCommand, snapshotDumpxmlCommand, snapshotInfoCommand,
               snapshotListCommand, snapshotParentCommand, snapshotRevertCommand});
    addAll(r, {poolAutostartCommand, poolBuildCommand, poolCreateAsCommand, poolCreateCommand,
               poolDefineAsCommand, poolDefineCommand, poolDeleteCommand, poolDestroyCommand,
               poolDumpxmlCommand, poolInfoCommand, poolListCommand, poolNameCommand,
               poolRefreshCommand, poolStartCommand, poolUndefineCommand, poolUuidCommand});
    addAll(r, {volCloneCommand, volCreateAsCommand, volCreateCommand, volDeleteCommand,
               volDownloadCommand, volDumpxmlCommand, volInfoCommand, volKeyCommand,
               volListCommand, volNameCommand, volPathCommand, volPoolCommand, volResizeCommand,
               volUploadCommand, volWipeCommand});
    addAll(r, {cdCommand, connectCommand, echoCommand, exitCommand, helpCommand, pwdCommand,
               quitCommand});
}

}  // namespace nodevirt::cli
