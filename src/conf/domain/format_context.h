// Flags that change how a definition is written: inactive (config view, no live-only state),
// secure (include passwords and other secrets), migratable (omit what a migration target
// would re-create).
#pragma once

namespace nodevirt::conf {

struct FormatCtx {
    bool inactive = false;
    bool secure = false;
    bool migratable = false;
};

}  // namespace nodevirt::conf
