// The test QEMU of stats_test_vm.h.
#include "drivers/qemu/stats/stats_test_vm.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include "drivers/qemu/monitor_socket.h"
#include "util/error.h"
#include "util/unique_fd.h"

namespace nodevirt::qemu::stats {
namespace {
constexpr std::chrono::milliseconds kTimeout(30000);
constexpr off_t kDiskBytes = 16 << 20;
}  // namespace

Result<StatsTestVm> startStatsTestVm(const std::string& dir) {
    StatsTestVm vm;
    vm.disk_path = dir + "/disk.img";
    {
        UniqueFd fd(::open(vm.disk_path.c_str(), O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0600));
        if (!fd || ::ftruncate(fd.get(), kDiskBytes) != 0) {
            return fail(systemError(errno, fmt::format("cannot create {}", vm.disk_path)));
        }
    }
    std::string sock = dir + "/qmp.sock";
    NODEVIRT_ASSIGN_OR_RETURN(UniqueFd listener, listenUnixSocket(sock));
    util::SpawnOptions o;
    o.argv = {"qemu-system-x86_64",
              "-machine",
              "q35",
              "-accel",
              "tcg",
              "-S",
              "-nodefaults",
              "-nographic",
              "-no-user-config",
              "-m",
              "128",
              "-smp",
              "2",
              "-blockdev",
              fmt::format("driver=file,filename={},node-name=libvirt-1-storage", vm.disk_path),
              "-blockdev",
              fmt::format("driver=raw,file=libvirt-1-storage,node-name={}", kTestDiskNode),
              "-device",
              fmt::format("virtio-blk-pci,drive={},id={}", kTestDiskNode, kTestDiskAlias),
              "-device",
              "virtio-balloon-pci,id=balloon0",
              "-netdev",
              "user,id=hostnet0",
              "-device",
              fmt::format("virtio-net-pci,netdev=hostnet0,id={},romfile=", kTestNicAlias),
              "-chardev",
              "socket,id=monitor,fd=3,server=on,wait=off",
              "-mon",
              "chardev=monitor,mode=control"};
    o.keep_fds = {{listener.get(), 3}};
    o.stdout_target = util::StreamTarget::file(dir + "/qemu.log");
    o.stderr_target = util::StreamTarget::sameAsStdout();
    NODEVIRT_ASSIGN_OR_RETURN(vm.proc, util::ChildProcess::spawn(o));
    NODEVIRT_ASSIGN_OR_RETURN(UniqueFd conn, connectUnixSocket(sock));
    listener.reset();
    NODEVIRT_ASSIGN_OR_RETURN(vm.qmp, SyncQmpClient::attach(std::move(conn), kTimeout));
    return vm;
}

}  // namespace nodevirt::qemu::stats
