import Foundation

/// The host's speed at plain processor work of the kind a store does per event: how many
/// events per second Foundation's `JSONSerialization` merely parses, on one thread.
///
/// A figure bound by the processor rather than the disk (the file store at many clients,
/// a replay) is reported against it as well, so that runs on a faster or a slower host of
/// the same kind can be compared: the flush rate says nothing about how fast the code is.
enum JSONParseBaseline {
    /// Parses every one of `lines`, and keeps going round them until `minimumSeconds` have
    /// passed; returns the lines parsed per second.
    static func measure(_ lines: [[UInt8]], minimumSeconds: Double = 0) -> Double {
        guard !lines.isEmpty else { return 0 }
        let start = MonotonicClock.now()
        var parsed = 0
        var elapsed = 0.0
        repeat {
            for line in lines where (try? JSONSerialization.jsonObject(with: Data(line))) != nil { parsed += 1 }
            elapsed = Double(MonotonicClock.now() - start) / 1e9
        } while elapsed < minimumSeconds
        return Double(parsed) / elapsed
    }
}
