import Events

/// A write queued for the file store's writer: the shared ``PendingWrite`` and, for an
/// import, the texts that go beside the log with its envelopes (an append carries its own
/// in its request).
struct QueuedWrite {
    var write: PendingWrite
    var importedTexts: [SealedText] = []

    func fail(with error: EventStoreError) { write.fail(with: error) }

    func resume(with answer: AppendPlanner.Answer) { write.resume(with: answer) }

    /// What the texts file gets for this write when the batch's plan accepted it: its texts
    /// and its erase intent, tagged with its first event. `nil` for a write that wrote no
    /// events (refused, or a retry answered with an earlier result, also one of the same
    /// batch) or carries no texts.
    /// - Parameter planned: the envelopes the batch writes, the first at `firstNewPosition`.
    func textEntries(answer: AppendPlanner.Answer, planned: [EventEnvelope], firstNewPosition: Int64) -> TextChange? {
        switch (write, answer) {
        case let (.append(prepared, _), .appended(.success(result))):
            let request = prepared.request
            guard !request.texts.isEmpty || !request.erasing.isEmpty, let first = result.positions.first,
                first >= firstNewPosition, planned[Int(first - firstNewPosition)].eventId == request.events[0].eventId
            else { return nil }
            return TextChange(position: first, eventId: request.events[0].eventId, texts: request.texts, erasing: request.erasing)
        case let (.importBatch(envelopes, _, _), .imported(.success)):
            guard let first = envelopes.first, !importedTexts.isEmpty else { return nil }
            return TextChange(position: first.position, eventId: first.eventId, texts: importedTexts, erasing: [])
        default:
            return nil
        }
    }
}

/// The texts one write of a batch adds and erases, in the order of the log.
struct TextChange: Sendable {
    var position: Int64
    var eventId: String
    var texts: [SealedText]
    var erasing: [String]

    var entries: [TextRecord.Entry] {
        var entries = texts.map { TextRecord.Entry.text(position: position, eventId: eventId, $0) }
        if !erasing.isEmpty { entries.append(.erase(position: position, eventId: eventId, refs: erasing)) }
        return entries
    }

    var intent: TextsFile.Intent? {
        erasing.isEmpty ? nil : TextsFile.Intent(position: position, eventId: eventId)
    }
}
