// nodevirtd: the nodevirt daemon. Serves libvirt's remote protocol on libvirtd's unix sockets
// so unmodified libvirt clients (virsh, python3-libvirt, virt-install) drive nodevirt.
#include <getopt.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "daemon/daemon.h"
#include "util/allocator.h"
#include "util/strings.h"

namespace {

void usage(FILE* out) {
    std::fprintf(out,
                 "Usage: nodevirtd [OPTION]...\n"
                 "Serve libvirt's remote protocol for the nodevirt drivers.\n\n"
                 "  -f, --config FILE     configuration file (libvirtd.conf syntax)\n"
                 "  -p, --pid-file FILE   pid file (locked while running; \"\" for none)\n"
                 "  -t, --timeout SECS    exit after SECS seconds without clients\n"
                 "  -d, --daemon          run in the background\n"
                 "  -v, --verbose         log informational messages to stderr\n"
                 "  -V, --version         print the version and exit\n"
                 "  -h, --help            print this help and exit\n\n"
                 "Runs in the foreground by default. Signals: SIGTERM/SIGINT stop gracefully,\n"
                 "SIGHUP reloads logging and keepalive settings. See docs/daemon.md.\n");
}

}  // namespace

int main(int argc, char** argv) {
    static const option kLong[] = {
        {"config", required_argument, nullptr, 'f'}, {"pid-file", required_argument, nullptr, 'p'},
        {"timeout", required_argument, nullptr, 't'}, {"daemon", no_argument, nullptr, 'd'},
        {"verbose", no_argument, nullptr, 'v'},       {"version", no_argument, nullptr, 'V'},
        {"help", no_argument, nullptr, 'h'},          {nullptr, 0, nullptr, 0},
    };
    nodevirt::tuneAllocatorForServer();
    nodevirt::daemon::Options opts;
    int c = 0;
    while ((c = getopt_long(argc, argv, "f:p:t:dvVh", kLong, nullptr)) != -1) {
        switch (c) {
            case 'f': opts.config_path = optarg; break;
            case 'p': opts.pid_file = optarg; break;
            case 't': {
                std::optional<int> secs = nodevirt::str::parseInt(optarg);
                if (!secs || *secs < 0) {
                    std::fprintf(stderr, "nodevirtd: error: invalid --timeout '%s'\n", optarg);
                    return 1;
                }
                opts.timeout_seconds = *secs;
                break;
            }
            case 'd': opts.daemonize = true; break;
            case 'v': opts.verbose = true; break;
            case 'V': std::printf("nodevirtd %s\n", NODEVIRT_VERSION); return 0;
            case 'h': usage(stdout); return 0;
            default: usage(stderr); return 1;
        }
    }
    if (optind < argc) {
        std::fprintf(stderr, "nodevirtd: error: unexpected argument '%s'\n", argv[optind]);
        return 1;
    }
    return nodevirt::daemon::runDaemon(opts);
}
