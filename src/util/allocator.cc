#include "util/allocator.h"

#include <malloc.h>

namespace nodevirt {

void tuneAllocatorForServer() {
    constexpr int kMmapThreshold = 8 << 20;
    constexpr int kTrimThreshold = 32 << 20;
    mallopt(M_MMAP_THRESHOLD, kMmapThreshold);
    mallopt(M_TRIM_THRESHOLD, kTrimThreshold);
}

}  // namespace nodevirt
