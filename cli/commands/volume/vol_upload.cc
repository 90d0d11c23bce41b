// vol-upload: copy a local file into a volume.
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

// Sends the file's bytes; false after reporting the failure.
bool pump(Context& ctx, int fd, const Stream& stream, const std::string& file, const std::string& name) {
    std::string buf(kChunk, '\0');
    // One chunk per iteration until end of file.
    for (;;) {
        const ssize_t n = ::read(fd, buf.data(), buf.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            ctx.error(fmt::format("cannot read {}: {}", file, std::strerror(errno)));
            return false;
        }
        if (n == 0) return true;
        if (auto st = stream.send(std::string_view(buf.data(), static_cast<size_t>(n))); !st) {
            return failWith(ctx, st.error(), fmt::format("cannot send data to volume {}", name));
        }
    }
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
    const int fd = ::open(file->c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        ctx.error(fmt::format("cannot read {}", *file));
        return false;
    }
    bool ok = false;
    const unsigned flags = cmd.has("sparse") ? lv::kStorageVolUploadSparseStream : 0;
    if (auto stream = vol->upload(offset.value_or(0), length.value_or(0), flags); !stream) {
        failWith(ctx, stream.error(), fmt::format("cannot upload to volume {}", name));
    } else if (pump(ctx, fd, *stream, *file, name)) {
        ok = true;
        if (auto st = stream->finish(); !st) ok = failWith(ctx, st.error(), "cannot close volume");
    } else {
        (void)stream->abort();
    }
    ::close(fd);
    return ok;
}

}  // namespace

CommandDef volUploadCommand() {
    return {"vol-upload", CommandGroup::kVolume, "upload file contents to a volume",
            "Copies FILE into a volume (or into a range of it).",
            {dataOpt("vol", "volume name, key or path"), dataOpt("file", "the local file to read"),
             stringOpt("pool", "pool name or UUID"), intOpt("offset", "where to start writing"),
             intOpt("length", "how many bytes to write (0: all)"),
             boolOpt("sparse", "preserve holes")},
            run};
}

}  // namespace nodevirt::cli
