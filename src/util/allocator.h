// Process-wide tuning of glibc's allocator for a long-running server.
#pragma once

namespace nodevirt {

// By default glibc serves blocks above 128 KiB with fresh mmap()s and trims the heap top on
// every free, so a call that builds a ~1 MiB answer (listing 10,000 domains) pays for page
// faults on every repetition (measured: 10.8 ms instead of 0.34 ms, docs/perf.md). Blocks up
// to 8 MiB come from the heap instead, and up to 32 MiB of freed heap is kept for reuse.
// Call once, early in main().
void tuneAllocatorForServer();

}  // namespace nodevirt
