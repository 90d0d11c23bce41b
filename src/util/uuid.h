// The Uuid type is part of the public API; internal code includes it from here.
#pragma once

#include "nodevirt/uuid.h"
