// vol-download: copy a volume's contents into a local file.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/volume/volume_commands.h"
#include "cli/lookup.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

constexpr size_t kChunk = 256 * 1024;

bool writeAll(int fd, const std::string& data) {
    size_t done = 0;
    // Each write makes progress or fails; EINTR retries.
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        done += static_cast<size_t>(n);
    }
    return true;
}

bool run(Context& ctx, const ParsedCommand& cmd) {
    std::string name;
    auto vol = lookupVolume(ctx, cmd, &name);
    if (!vol) return false;
    std::optional<std::string> file;
    std::optional<uint64_t> offset, length;
    if (!cmd.getString(ctx, "file", file) || !cmd.getUlong(ctx, "offset", offset) ||
        !cmd.getUlong(ctx, "length", length)) {
        return false;
    }
    const int fd = ::open(file->c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) {
        ctx.error(fmt::format("cannot create {}", *file));
        return false;
    }
    bool ok = false;
    const unsigned flags = cmd.has("sparse") ? lv::kStorageVolDownloadSparseStream : 0;
    if (auto stream = vol->download(offset.value_or(0), length.value_or(0), flags); !stream) {
        failWith(ctx, stream.error(), fmt::format("cannot download from volume {}", name));
    } else {
        // One chunk per iteration until the end of the stream.
        for (;;) {
            auto chunk = stream->recv(kChunk);
            if (!chunk) {
                failWith(ctx, chunk.error(), fmt::format("cannot receive data from volume {}", name));
                break;
            }
            if (chunk->empty()) {
                ok = true;
                break;
            }
            if (!writeAll(fd, *chunk)) {
                ctx.error(fmt::format("cannot write to {}: {}", *file, std::strerror(errno)));
                break;
            }
        }
        if (ok) {
            if (auto st = stream->finish(); !st) ok = failWith(ctx, st.error(), "cannot close volume");
        } else {
            (void)stream->abort();
        }
    }
    if (::close(fd) != 0 && ok) {
        ctx.error(fmt::format("Unable to close {}", *file));
        ok = false;
    }
    if (!ok) ::unlink(file->c_str());
    return ok;
}

}  // namespace

CommandDef volDownloadCommand() {
    return {"vol-download", CommandGroup::kVolume, "download volume contents to a file",
            "Copies the contents of a volume (or a range of it) into FILE.",
            {dataOpt("vol", "volume name, key or path"), dataOpt("file", "the local file to write"),
             stringOpt("pool", "pool name or UUID"), intOpt("offset", "where to start reading"),
             intOpt("length", "how many bytes to read (0: to the end)"),
             boolOpt("sparse", "preserve holes")},
            run};
}

}  // namespace nodevirt::cli
