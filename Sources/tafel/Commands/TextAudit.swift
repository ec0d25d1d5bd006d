import EventStore
import Events

/// `tafel verify --texts`: every free text still kept beside the log matches the digest
/// its event holds, every text an event refers to is either kept or erased by a
/// `PersonalDataErased`, and no erased text is still kept.
///
/// The hash chain proves the events were not rewritten; this proves the texts shown with
/// them are the ones written, and that an erasure reached the store.
struct TextAudit {
    /// Sealed references the log holds, with their digests.
    private var digests: [String: String] = [:]
    /// References erased by `PersonalDataErased` events.
    private var erased: Set<String> = []

    /// What the audit found: counts, or the first fault.
    struct Report {
        var live = 0
        var erased = 0
        var fault: String?
    }

    static func run(_ store: any EventStore) async throws -> Report {
        var audit = TextAudit()
        try await store.readAll { page in
            for envelope in page { try audit.note(envelope) }
        }
        return try await audit.check(store)
    }

    mutating func note(_ envelope: EventEnvelope) throws {
        for (_, text) in FreeText.sealed(in: envelope.data) { digests[text.ref] = text.digest }
        if envelope.type == PersonalDataErased.eventType {
            erased.formUnion(try PersonalDataErased(data: envelope.data).refs)
        }
    }

    func check(_ store: any EventStore) async throws -> Report {
        var report = Report()
        var live: Set<String> = []
        var after: String?
        while true {
            let page = try await store.allTexts(after: after, limit: 1000)
            guard let last = page.last else { break }
            for text in page {
                guard let digest = digests[text.ref] else {
                    report.fault = "text \(text.ref) belongs to no event"
                    return report
                }
                guard digest == text.digest else {
                    report.fault = "text \(text.ref) does not match the digest its event holds"
                    return report
                }
                if erased.contains(text.ref) {
                    report.fault = "text \(text.ref) was erased but is still kept"
                    return report
                }
                live.insert(text.ref)
            }
            after = last.ref
        }
        for ref in digests.keys.sorted() where !live.contains(ref) && !erased.contains(ref) {
            report.fault = "text \(ref) is missing: neither kept nor erased"
            return report
        }
        report.live = live.count
        report.erased = digests.keys.filter { erased.contains($0) }.count
        return report
    }
}
