import Synchronization

/// A monotonic clock that moves only when a test moves it, for bounds measured in time
/// (``Coordination/CoordinationService/limitStaleness(to:clock:)``) without waiting.
package final class ManualClock: Sendable {
    let nanoseconds = Mutex<UInt64>(1_000_000_000)

    package init() {}

    package var now: UInt64 { nanoseconds.withLock { $0 } }

    package func advance(by delta: UInt64) {
        nanoseconds.withLock { $0 += delta }
    }

    /// The clock as the closure a service takes.
    package var reading: @Sendable () -> UInt64 { { self.now } }
}
