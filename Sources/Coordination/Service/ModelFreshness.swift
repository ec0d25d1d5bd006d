import Glibc

/// How recently the service's model was known to hold the whole log, and so how far a
/// request may trust it for who a token belongs to without asking the store.
///
/// The follow loop keeps the model current (PostgreSQL announces every commit); this bound
/// covers the case where it cannot, for instance while a notification is lost or the loop
/// is failing. A model confirmed longer than ``maximumStaleness`` ago is caught up before a
/// token is judged, at most once per that span however many requests arrive, so a request
/// never costs a store round trip of its own and a revocation committed by any process
/// binds every process within the bound. After a failed catch-up the store is asked again
/// only after ``retryInterval``, so a failing store is not hammered either.
struct ModelFreshness: Sendable {
    /// How old a confirmation may be before a token is judged on it; measured, the follow
    /// loop applies another process's commit within milliseconds, so this only matters when
    /// it cannot.
    var maximumStaleness: UInt64 = 1_000_000_000
    /// The wait after a failed catch-up before the store is asked again.
    var retryInterval: UInt64 = 100_000_000
    /// Monotonic nanoseconds.
    var clock: @Sendable () -> UInt64 = ModelFreshness.monotonic
    /// When the head was read that the model then reached.
    var confirmedAt: UInt64?
    /// When the last catch-up failed, and with what.
    var failure: (at: UInt64, error: any Error)?

    /// Whether a token may be judged on the model now without a catch-up.
    func isFresh(at now: UInt64) -> Bool {
        guard let confirmedAt else { return false }
        return now &- confirmedAt <= maximumStaleness
    }

    /// The error of a catch-up that failed so recently that the store is not asked again.
    func recentFailure(at now: UInt64) -> (any Error)? {
        guard let failure, now &- failure.at < retryInterval else { return nil }
        return failure.error
    }

    /// Records that the model holds the log as its head stood at `time`.
    mutating func confirm(_ time: UInt64) {
        if confirmedAt.map({ time > $0 }) ?? true { confirmedAt = time }
        failure = nil
    }

    static func monotonic() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}
