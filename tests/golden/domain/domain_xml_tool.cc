// Developer tool: prints format(parse(FILE)) the way the golden tests do, to compare against
// libvirt by hand.
//   domain_xml_tool [--raw] [--validate] [--live] [--secure] [--id N] FILE
#include <cstdio>
#include <cstring>
#include <string>

#include "conf/domain/domain_xml.h"
#include "conf/domain/post_parse.h"
#include "golden/golden_support.h"

int main(int argc, char** argv) {
    using namespace nodevirt::conf;
    DomainParseOptions popts;
    popts.inactive = true;
    popts.profile = &testDriverPostParseProfile();
    DomainFormatOptions fopts;
    fopts.inactive = true;
    const char* file = nullptr;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--raw"))
            popts.profile = nullptr;
        else if (!std::strcmp(argv[i], "--validate"))
            popts.validate = true;
        else if (!std::strcmp(argv[i], "--live"))
            popts.inactive = fopts.inactive = false;
        else if (!std::strcmp(argv[i], "--secure"))
            fopts.secure = true;
        else if (!std::strcmp(argv[i], "--id") && i + 1 < argc)
            fopts.live_id = std::atoi(argv[++i]);
        else
            file = argv[i];
    }
    if (!file) {
        std::fprintf(stderr, "usage: %s [--raw] [--validate] [--live] [--secure] [--id N] FILE\n",
                     argv[0]);
        return 2;
    }
    auto def = parseDomainXml(nodevirt::golden::readFile(file), popts);
    if (!def) {
        std::fprintf(stderr, "error %d: %s\n", static_cast<int>(def.error().code),
                     def.error().message.c_str());
        return 1;
    }
    std::fputs(formatDomainXml(**def, fopts).c_str(), stdout);
    return 0;
}
