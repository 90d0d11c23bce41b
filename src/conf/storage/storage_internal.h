// Internal to the storage library: the <source> parser and formatter shared by the <pool>
// document and the find-storage-pool-sources documents.
#pragma once

#include "conf/common/parse_options.h"
#include "conf/storage/storage_pool_def.h"
#include "xml/xml_reader.h"
#include "xml/xml_writer.h"

namespace nodevirt::conf::storage_pool_parse {

Status parseSource(const xml::Node& node, const StoragePoolTypeInfo& info, const ParseOptions& opts,
                   StoragePoolSource& src);
// Writes <source>...</source> as libvirt does (start/end tags kept apart when empty).
void formatSource(xml::Writer& w, const StoragePoolTypeInfo& info, const StoragePoolSource& src,
                  unsigned flags);

}  // namespace nodevirt::conf::storage_pool_parse
