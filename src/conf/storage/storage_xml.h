// Entry points for the storage documents: <pool>, the <source>/<sources> documents of
// find-storage-pool-sources, and <volume> (whose formats depend on the pool it lives in).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "conf/common/parse_options.h"
#include "conf/storage/storage_pool_def.h"
#include "conf/storage/storage_vol_def.h"
#include "util/result.h"

namespace nodevirt::conf {

// Parses <pool>, applying libvirt's parse-time defaults (generated uuid, default source
// format and name, derived target path). Unknown elements are dropped unless opts.validate.
Result<std::shared_ptr<StoragePoolDef>> parseStoragePoolXml(std::string_view xml,
                                                            const ParseOptions& opts);
// Strict checks beyond the parser: source parts the pool type does not use, relative paths.
Status validateStoragePoolDef(const StoragePoolDef& def);
std::string formatStoragePoolXml(const StoragePoolDef& def, unsigned flags = 0);

// A bare <source> (the srcSpec argument of find-storage-pool-sources) for a pool type.
Result<StoragePoolSource> parseStoragePoolSourceXml(std::string_view xml, StoragePoolType type,
                                                    const ParseOptions& opts);
// The <sources> answer of find-storage-pool-sources.
std::string formatStoragePoolSourceList(StoragePoolType type,
                                        const std::vector<StoragePoolSource>& sources);

// Parses <volume> for a pool of `pool_type` (which decides the allowed and default target
// formats). Sizes may carry units; allocation defaults to capacity.
Result<std::shared_ptr<StorageVolDef>> parseStorageVolXml(
    std::string_view xml, const ParseOptions& opts,
    StoragePoolType pool_type = StoragePoolType::kDir);
Status validateStorageVolDef(const StorageVolDef& def);
std::string formatStorageVolXml(const StorageVolDef& def, unsigned flags = 0);

}  // namespace nodevirt::conf
