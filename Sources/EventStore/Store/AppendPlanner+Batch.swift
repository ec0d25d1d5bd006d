import Events

extension AppendPlanner {
    /// What one queued write of a batch is owed, decided before anything is written.
    enum Answer: Sendable {
        case appended(Result<AppendResult, EventStoreError>)
        case imported(Result<LogHead, EventStoreError>)

        var failure: EventStoreError? {
            switch self {
            case let .appended(.failure(error)), let .imported(.failure(error)): error
            case .appended(.success), .imported(.success): nil
            }
        }
    }

    /// Plans a store's queued writes in order, the one group-commit decision both stores
    /// share: each run of consecutive appends in one planner call (one time text for the
    /// run), each import checked with ``planImport(_:after:streamVersion:priorResult:)``.
    /// Later writes see the versions and answers of earlier ones.
    /// - Returns: the rows of the whole batch, and one answer per queued write in batch order
    ///   (the plan's own `outcomes` stay empty).
    static func plan(
        _ batch: [PendingWrite], after tail: LogTail, now: Timestamp, streamVersion: (String) -> Int64,
        priorResult: (RequestKey) -> AnsweredRequest?
    ) -> (plan: AppendPlan, answers: [Answer]) {
        var whole = AppendPlan(
            outcomes: [], envelopes: [], canonical: [], hashes: [], tail: tail, streamVersions: [:], requestResults: [:])
        var answers: [Answer] = []
        answers.reserveCapacity(batch.count)
        // The first part, usually the only one, is taken over as it is: appending it to the
        // empty whole would copy every envelope and rehash every key.
        func absorb(_ part: AppendPlan) {
            if whole.envelopes.isEmpty, whole.streamVersions.isEmpty, whole.requestResults.isEmpty {
                (whole.envelopes, whole.canonical, whole.hashes) = (part.envelopes, part.canonical, part.hashes)
                (whole.streamVersions, whole.requestResults) = (part.streamVersions, part.requestResults)
            } else {
                whole.envelopes += part.envelopes
                whole.canonical += part.canonical
                whole.hashes += part.hashes
                whole.streamVersions.merge(part.streamVersions) { $1 }
                whole.requestResults.merge(part.requestResults) { $1 }
            }
            whole.tail = part.tail
        }
        var index = 0
        while index < batch.count {
            switch batch[index] {
            case .append:
                var run: [PreparedAppend] = []
                while index < batch.count, case let .append(prepared, _) = batch[index] {
                    run.append(prepared)
                    index += 1
                }
                let part = plan(
                    run, after: whole.tail, now: now, streamVersion: { whole.streamVersions[$0] ?? streamVersion($0) },
                    priorResult: { whole.requestResults[$0] ?? priorResult($0) })
                absorb(part)
                answers += part.outcomes.map(Answer.appended)
            case let .importBatch(envelopes, _, _):
                index += 1
                do throws(EventStoreError) {
                    let part = try planImport(
                        envelopes, after: whole.tail, streamVersion: { whole.streamVersions[$0] ?? streamVersion($0) },
                        priorResult: { whole.requestResults[$0] ?? priorResult($0) })
                    absorb(part)
                    answers.append(.imported(.success(part.tail.head)))
                } catch {
                    answers.append(.imported(.failure(error)))
                }
            }
        }
        return (whole, answers)
    }
}
