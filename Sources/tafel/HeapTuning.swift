import Glibc

/// How the C allocator treats a process that rebuilds large projections in memory.
///
/// Rebuilding grows tens of thousands of dictionaries and arrays; each growth frees the old
/// block. With glibc's defaults a freed large block goes back to the kernel and the next
/// growth faults fresh zeroed pages in again; profiling `tafel bench replay` showed that
/// page-fault work in a fifth of the projections' time. Keeping freed memory in the heap
/// (up to 256 MiB at its top, blocks under 32 MiB never mapped on their own) lets the
/// rebuild reuse it. An operator's own `MALLOC_*` settings win.
enum HeapTuning {
    /// `mallopt` from `<malloc.h>`, which the Glibc module does not export.
    @_silgen_name("mallopt")
    private static func mallopt(_ parameter: Int32, _ value: Int32) -> Int32

    /// glibc's parameter numbers (`M_TRIM_THRESHOLD`, `M_TOP_PAD`, `M_MMAP_THRESHOLD`).
    private static let trimThreshold: Int32 = -1
    private static let topPad: Int32 = -2
    private static let mmapThreshold: Int32 = -3

    static func apply() {
        if getenv("MALLOC_TRIM_THRESHOLD_") == nil { _ = mallopt(trimThreshold, 256 << 20) }
        if getenv("MALLOC_MMAP_THRESHOLD_") == nil { _ = mallopt(mmapThreshold, 32 << 20) }
        if getenv("MALLOC_TOP_PAD_") == nil { _ = mallopt(topPad, 64 << 20) }
    }
}
