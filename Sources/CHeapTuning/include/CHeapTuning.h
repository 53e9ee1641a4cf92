#ifndef SPECSMITH_HEAP_TUNING_H
#define SPECSMITH_HEAP_TUNING_H

#if __has_include(<malloc.h>)
#include <malloc.h>
#endif

/// Asks glibc to grow a heap by `bytes` at least each time it grows, rather than 128 KB, and to
/// serve blocks up to that size from its heaps. For a short run that builds large trees (lint,
/// diff), not for a server. Elsewhere (macOS's allocator has no such knob) it does nothing.
static inline void specsmith_grow_heaps_by(int bytes) {
#if defined(__GLIBC__) && defined(M_TOP_PAD) && defined(M_MMAP_THRESHOLD)
    mallopt(M_TOP_PAD, bytes);
    // Setting the pad stops glibc raising its mmap threshold as blocks are freed, which it
    // would otherwise do up to 32 MB: set there at once, large blocks come from the heap.
    mallopt(M_MMAP_THRESHOLD, bytes);
#else
    (void)bytes;
#endif
}

#endif
