// The whole nodevirt client API in one include: Connection, the object handles, events,
// streams, value types, errors and libvirt's flag values.
#pragma once

#include "nodevirt/connection.h"
#include "nodevirt/constants.h"
#include "nodevirt/domain.h"
#include "nodevirt/error.h"
#include "nodevirt/events.h"
#include "nodevirt/interface.h"
#include "nodevirt/network.h"
#include "nodevirt/node_device.h"
#include "nodevirt/result.h"
#include "nodevirt/secret.h"
#include "nodevirt/storage.h"
#include "nodevirt/stream.h"
#include "nodevirt/types.h"
#include "nodevirt/uuid.h"
