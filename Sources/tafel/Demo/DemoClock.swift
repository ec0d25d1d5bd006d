import Events
import Synchronization

/// The clock the demo's store records `recordedAt` with: while the demo replays a year of
/// tables it shows the simulated moment of each step, afterwards the real time. The log
/// then reads like a year of real use, so "as of last March" means something.
final class DemoClock: Sendable {
    let simulated = Mutex<Int64?>(nil)

    /// Sets the simulated moment; `nil` returns to the wall clock.
    func set(_ milliseconds: Int64?) {
        simulated.withLock { $0 = milliseconds }
    }

    func now() -> Timestamp {
        if let simulated = simulated.withLock({ $0 }) { return Timestamp(millisecondsSinceEpoch: simulated) }
        return Timestamp.now()
    }
}
