// Internal: the pieces of parseDomainXml/formatDomainXml that work on an already parsed XML
// tree, shared by the public entry points, post-parse and the tests.
#pragma once

#include <string>

#include "conf/domain/domain_def.h"
#include "conf/domain/format_context.h"
#include "conf/domain/parse_context.h"

namespace nodevirt::conf {

// Fills `def` from the <domain> element (no driver defaults applied).
Status parseDomainRoot(Elem& root, DomainDef& def);
// Writes the whole <domain> element; `live_id` >= 0 prints id='N'.
void formatDomain(xml::Writer& w, const DomainDef& def, const FormatCtx& fc, int32_t live_id);

// Rejects documents that are too large or not valid UTF-8 before they reach the XML parser.
Status checkXmlInput(std::string_view xml, std::string_view what);

}  // namespace nodevirt::conf
