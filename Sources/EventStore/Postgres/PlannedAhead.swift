import Events

extension PostgresEventStore {
    /// Appends that arrived while the writer's batch was at the server, decided ahead on the
    /// assumption that the batch commits.
    ///
    /// Deciding a batch (hashing, encoding) took the writer about as long per event as the
    /// server's insert, and the two ran one after the other. Deciding the next batch while
    /// the server works lets it go out the moment the previous result arrives, ahead of the
    /// writer's bookkeeping for that result. Nothing of it is sent before then, so commits
    /// stay in position order; if the batch in flight fails, the decision is dropped and the
    /// items are decided again like any others.
    ///
    /// Used only on the writer's queue.
    final class PlannedAhead {
        /// Everything that arrived, in arrival order; always carried to the next batch.
        private(set) var items: [Pending] = []
        /// The decision for all of ``items``, or `nil` when there is none to trust.
        private(set) var decided: DecidedBatch?
        private var givenUp = false
        /// Set once ``decided`` went to the server, the moment the batch before it committed
        /// (``PostgresEventStore/sendAhead(_:after:)``): whether it announces, and when it went.
        private(set) var sent: Sent?

        struct Sent {
            var announce: Bool
            var at: UInt64
        }

        /// Adds `arrived` and decides it after `inFlight` and what was decided ahead before.
        ///
        /// Gives up deciding (for the rest of this batch) on an import or an append to a
        /// stream (written or a condition) whose version the writer does not know: those need a read from the
        /// database, and the connection is busy.
        func add(_ arrived: [Pending], after inFlight: DecidedBatch, cachedVersion: (String) -> Int64?, now: Timestamp) {
            items += arrived
            guard !givenUp, sent == nil else { return }
            var ahead = decided ?? DecidedBatch(tail: inFlight.tail)
            // Taken out so that its arrays stay uniquely referenced: extending a copy that
            // ``decided`` still shares would copy every row decided so far, on every call.
            decided = nil
            func version(_ stream: String) -> Int64? {
                ahead.versionsAfter[stream] ?? inFlight.versionsAfter[stream] ?? cachedVersion(stream)
            }
            for item in arrived {
                guard case let .append(prepared, _) = item, version(prepared.request.stream) != nil,
                    prepared.request.conditions.keys.allSatisfy({ version($0) != nil })
                else {
                    giveUp()
                    return
                }
            }
            let (plan, answers) = AppendPlanner.plan(
                arrived, after: ahead.tail, now: now, streamVersion: { version($0) ?? 0 },
                priorResult: { ahead.answered[$0] ?? inFlight.answered[$0] })
            ahead.extend(with: plan, items: arrived, answers: answers)
            decided = ahead
        }

        /// Records that ``decided`` was sent; no more arrivals may join it.
        func markSent(announce: Bool, at now: UInt64) {
            sent = Sent(announce: announce, at: now)
        }

        /// Drops the decision: the batch it assumed did not commit as planned.
        func giveUp() {
            givenUp = true
            decided = nil
        }
    }
}
