// Entry points for the <secret> document (secret-define, secret-dumpxml).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "conf/common/parse_options.h"
#include "conf/secret/secret_def.h"
#include "util/result.h"

namespace nodevirt::conf {

// Parses <secret>; a missing <uuid> is generated.
Result<std::shared_ptr<SecretDef>> parseSecretXml(std::string_view xml, const ParseOptions& opts);
// Strict checks: a usage identifier without spaces at the ends, a description of sane size.
Status validateSecretDef(const SecretDef& def);
std::string formatSecretXml(const SecretDef& def, unsigned flags = 0);

}  // namespace nodevirt::conf
