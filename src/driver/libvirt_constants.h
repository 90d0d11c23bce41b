// libvirt's public flag and enum values (nodevirt::lv::kXxx). The table is part of the public
// client API now and lives in include/nodevirt/constants.h; internal code may keep including
// this header.
#pragma once

#include "nodevirt/constants.h"
