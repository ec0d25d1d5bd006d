import Synchronization

/// A monotonic clock that moves only when a test moves it, for bounds measured in time
/// (``Coordination/CoordinationService/limitStaleness(to:clock:)``) without waiting.
public final class ManualClock: Sendable {
    let nanoseconds = Mutex<UInt64>(1_000_000_000)

    public init() {}

    public var now: UInt64 { nanoseconds.withLock { $0 } }

    public func advance(by delta: UInt64) {
        nanoseconds.withLock { $0 += delta }
    }

    /// The clock as the closure a service takes.
    public var reading: @Sendable () -> UInt64 { { self.now } }
}
