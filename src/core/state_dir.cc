#include "core/state_dir.h"

#include <dirent.h>
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>

#include "util/file_io.h"

namespace nodevirt::core {

Status StateDir::checkName(std::string_view name) {
    if (name.empty() || name.front() == '.' || name.find('/') != std::string_view::npos ||
        name.find('\0') != std::string_view::npos) {
        return fail(invalidArg(fmt::format("name '{}' cannot be used as a file name", name)));
    }
    return ok();
}

Status StateDir::init() const {
    NODEVIRT_TRY(file::makeDirs(root_, 0700));
    return file::makeDirs(root_ + "/autostart", 0700);
}

std::string StateDir::configPath(std::string_view name) const {
    return fmt::format("{}/{}.xml", root_, name);
}

std::string StateDir::autostartPath(std::string_view name) const {
    return fmt::format("{}/autostart/{}.xml", root_, name);
}

Status StateDir::save(std::string_view name, std::string_view xml) const {
    NODEVIRT_TRY(checkName(name));
    return file::writeAtomic(configPath(name), xml, 0600);
}

Status StateDir::remove(std::string_view name) const {
    NODEVIRT_TRY(checkName(name));
    NODEVIRT_TRY(file::removeFile(autostartPath(name)));
    return file::removeFile(configPath(name));
}

StateDir::LoadResult StateDir::loadAll() const {
    LoadResult out;
    DIR* dir = ::opendir(root_.c_str());
    if (!dir) {
        if (errno != ENOENT) {
            out.problems.push_back(
                systemError(errno, fmt::format("cannot open directory '{}'", root_)));
        }
        return out;
    }
    // Bounded by the directory's size; entries are read once.
    while (dirent* de = ::readdir(dir)) {
        std::string_view file = de->d_name;
        if (file.empty() || file.front() == '.' || file.size() <= 4 ||
            file.substr(file.size() - 4) != ".xml") {
            continue;
        }
        std::string name(file.substr(0, file.size() - 4));
        auto content = file::readAll(configPath(name));
        if (!content) {
            out.problems.push_back(content.error());
            continue;
        }
        out.entries.push_back({std::move(name), std::move(*content)});
    }
    ::closedir(dir);
    std::sort(out.entries.begin(), out.entries.end(),
              [](const Entry& a, const Entry& b) { return a.name < b.name; });
    return out;
}

Status StateDir::setAutostart(std::string_view name, bool on) const {
    NODEVIRT_TRY(checkName(name));
    if (!on) return file::removeFile(autostartPath(name));
    return file::writeAtomic(autostartPath(name), "", 0600);
}

bool StateDir::isAutostart(std::string_view name) const {
    return checkName(name) && file::exists(autostartPath(name));
}

}  // namespace nodevirt::core
