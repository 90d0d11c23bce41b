// Domain management and monitoring commands (help keywords "domain" and "monitor").
#pragma once

#include "cli/command_def.h"

namespace nodevirt::cli {

// Lifecycle and definition
CommandDef defineCommand();
CommandDef undefineCommand();
CommandDef createCommand();
CommandDef startCommand();
CommandDef shutdownCommand();
CommandDef rebootCommand();
CommandDef resetCommand();
CommandDef destroyCommand();
CommandDef suspendCommand();
CommandDef resumeCommand();
CommandDef saveCommand();
CommandDef restoreCommand();
CommandDef managedsaveCommand();
CommandDef managedsaveRemoveCommand();
CommandDef autostartCommand();

// Configuration
CommandDef dumpxmlCommand();
CommandDef setmemCommand();
CommandDef setmaxmemCommand();
CommandDef setvcpusCommand();
CommandDef vcpucountCommand();
CommandDef vcpuinfoCommand();
CommandDef schedinfoCommand();
CommandDef memtuneCommand();
CommandDef descCommand();
CommandDef metadataCommand();

// Devices
CommandDef attachDeviceCommand();
CommandDef detachDeviceCommand();
CommandDef updateDeviceCommand();
CommandDef attachDiskCommand();
CommandDef attachInterfaceCommand();
CommandDef detachDiskCommand();
CommandDef detachInterfaceCommand();

// Identity and monitoring
CommandDef listCommand();
CommandDef dominfoCommand();
CommandDef domstateCommand();
CommandDef domidCommand();
CommandDef domnameCommand();
CommandDef domuuidCommand();
CommandDef domblklistCommand();
CommandDef domiflistCommand();
CommandDef domblkstatCommand();
CommandDef domifstatCommand();
CommandDef dommemstatCommand();
CommandDef domblkinfoCommand();
CommandDef domtimeCommand();
CommandDef domhostnameCommand();

}  // namespace nodevirt::cli
