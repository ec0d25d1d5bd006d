import Synchronization

/// The tasks waiting for the log to grow past a position, woken when it does.
///
/// Stores call ``advance(to:)`` after every acknowledged append (and the PostgreSQL store
/// on every notification), so that subscriptions turn from catch-up to live without
/// polling and without missing an event that lands in between.
package final class HeadWaiters: Sendable {
    struct Waiter {
        var after: Int64
        var continuation: CheckedContinuation<Void, Error>
    }

    struct State {
        var head: Int64
        var nextId = 0
        var waiters: [Int: Waiter] = [:]
        var closed = false
    }

    let state: Mutex<State>

    package init(head: Int64) {
        state = Mutex(State(head: head))
    }

    /// Records a new head and wakes every waiter that was waiting for less.
    package func advance(to head: Int64) {
        let ready: [CheckedContinuation<Void, Error>] = state.withLock { state in
            guard head > state.head else { return [] }
            state.head = head
            let done = state.waiters.filter { $0.value.after < head }
            for id in done.keys { state.waiters[id] = nil }
            return done.values.map(\.continuation)
        }
        for continuation in ready { continuation.resume() }
    }

    /// Wakes every waiter with an error; later waits fail at once.
    package func close() {
        let all: [CheckedContinuation<Void, Error>] = state.withLock { state in
            state.closed = true
            defer { state.waiters = [:] }
            return state.waiters.values.map(\.continuation)
        }
        for continuation in all { continuation.resume(throwing: EventStoreError(.closed, "the store was closed")) }
    }

    /// Returns once the head is beyond `position`.
    package func wait(after position: Int64) async throws {
        let id: Int = state.withLock { state in
            state.nextId += 1
            return state.nextId
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
                let outcome: Result<Void, Error>? = state.withLock { state in
                    if state.closed { return .failure(EventStoreError(.closed, "the store was closed")) }
                    if state.head > position { return .success(()) }
                    if Task.isCancelled { return .failure(CancellationError()) }
                    state.waiters[id] = Waiter(after: position, continuation: continuation)
                    return nil
                }
                if let outcome { continuation.resume(with: outcome) }
            }
        } onCancel: {
            let waiter = state.withLock { state in state.waiters.removeValue(forKey: id) }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }
}
