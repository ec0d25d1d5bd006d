extension CoordinationService {
    /// Catches the model up for ``authenticate(token:)``: one catch-up for every request
    /// that found the model stale, and none at all within ``ModelFreshness/retryInterval``
    /// of a failed one, whose error is thrown again instead.
    func refresh() async throws {
        if let running = refreshing { return try await running.value }
        if let error = freshness.recentFailure(at: freshness.clock()) { throw error }
        let task = Task { try await self.catchUp() }
        refreshing = task
        defer { refreshing = nil }
        do {
            try await task.value
        } catch {
            freshness.failure = (freshness.clock(), error)
            throw error
        }
    }

    /// Sets how stale the model may be when a token is judged on it, and the clock that
    /// measures it (monotonic nanoseconds); for operators who trade round trips for
    /// promptness, and for tests that move time by hand.
    package func limitStaleness(to nanoseconds: UInt64, clock: (@Sendable () -> UInt64)? = nil) {
        freshness.maximumStaleness = nanoseconds
        if let clock {
            freshness.clock = clock
            freshness.confirmedAt = nil
        }
    }
}
