// Fills the process-wide driver set. This is the plug-in point for the driver folders:
//   in-process: "drivers/register_drivers.h" (library nodevirt_drivers) provides
//       void nodevirt::drivers::registerLocalDrivers(driver::Registry&);
//   remote:     "remote/client/register_remote_driver.h" (library nodevirt_remote_client)
//       provides void nodevirt::remote::registerRemoteDriver(driver::Registry&);
// src/client/CMakeLists.txt links a library and defines NODEVIRT_CLIENT_HAVE_* only once it
// exists, so each driver plugs in by existing, without edits here.
#include "client/open.h"

#if defined(NODEVIRT_CLIENT_HAVE_LOCAL_DRIVERS)
#include "drivers/register_drivers.h"
#endif
#if defined(NODEVIRT_CLIENT_HAVE_REMOTE_DRIVER)
#include "remote/client/register_remote_driver.h"
#endif

namespace nodevirt::client {

void installDefaultDrivers([[maybe_unused]] DriverSet& set) {
#if defined(NODEVIRT_CLIENT_HAVE_LOCAL_DRIVERS)
    drivers::registerLocalDrivers(set.in_process);
#endif
#if defined(NODEVIRT_CLIENT_HAVE_REMOTE_DRIVER)
    remote::registerRemoteDriver(set.remote);
#endif
}

}  // namespace nodevirt::client
