// nodevirt: the command-line shell. Global options, then either one command string, one
// command given as separate words, or an interactive session.
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "cli/context.h"
#include "cli/global_options.h"
#include "cli/line_reader.h"
#include "cli/parser.h"
#include "cli/registry.h"
#include "cli/shell.h"
#include "cli/tokenizer.h"

namespace {

using nodevirt::cli::GlobalOptions;

std::string defaultUri(const GlobalOptions& o) {
    if (o.uri) return *o.uri;
    // virsh's own variable; the library reads NODEVIRT_DEFAULT_URI / LIBVIRT_DEFAULT_URI.
    if (const char* env = std::getenv("VIRSH_DEFAULT_CONNECT_URI"); env != nullptr && *env) {
        return env;
    }
    return {};
}

int run(int argc, char** argv) {
    std::vector<std::string> args(argv, argv + argc);
    auto parsed = nodevirt::cli::parseGlobalOptions(args);
    for (const auto& w : parsed.warnings) std::cerr << "error: " << w << '\n';
    if (!parsed.options) {
        std::cerr << "error: " << parsed.error << '\n';
        return EXIT_FAILURE;
    }
    GlobalOptions& o = *parsed.options;
    switch (o.action) {
        case GlobalOptions::Action::kHelp:
            std::cout << nodevirt::cli::usageText("nodevirt");
            return EXIT_SUCCESS;
        case GlobalOptions::Action::kShortVersion:
            std::cout << nodevirt::cli::shortVersionText();
            return EXIT_SUCCESS;
        case GlobalOptions::Action::kLongVersion:
            std::cout << nodevirt::cli::longVersionText();
            return EXIT_SUCCESS;
        case GlobalOptions::Action::kRun: break;
    }

    nodevirt::cli::CommandRegistry registry;
    nodevirt::cli::registerAllCommands(registry);
    nodevirt::cli::Context ctx(std::cout, std::cerr, registry);
    ctx.flags() = o.flags;
    ctx.requestedUri() = defaultUri(o);
    nodevirt::cli::Shell shell(ctx);

    if (o.words.empty()) {
        if (!shell.connect()) return EXIT_FAILURE;
        int status = EXIT_SUCCESS;
        if (isatty(STDIN_FILENO) != 0) {
            nodevirt::cli::TerminalLineReader reader(STDIN_FILENO, STDOUT_FILENO);
            status = shell.runInteractive(reader);
        } else {
            nodevirt::cli::StreamLineReader reader(std::cin, std::cout);
            status = shell.runInteractive(reader);
        }
        ctx.closeConnection();
        return status;
    }

    // As virsh: one word is a command string ("cmd a; cmd b"), several words one command.
    std::unique_ptr<nodevirt::cli::TokenSource> tokens;
    if (o.words.size() == 1) {
        tokens = std::make_unique<nodevirt::cli::StringTokenizer>(o.words[0]);
    } else {
        tokens = std::make_unique<nodevirt::cli::ArgvTokenizer>(o.words);
    }
    // The whole line is parsed before connecting: a parse error runs nothing.
    auto commands = nodevirt::cli::parseCommands(registry, *tokens);
    if (!commands) {
        ctx.error(commands.error());
        return EXIT_FAILURE;
    }
    if (!shell.connect()) return EXIT_FAILURE;
    const bool ok = shell.runCommands(*commands);
    std::cout.flush();
    ctx.closeConnection();
    return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}

}  // namespace

int main(int argc, char** argv) { return run(argc, argv); }
