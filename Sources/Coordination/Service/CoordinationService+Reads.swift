import EventStore
import Events
import Projections

extension CoordinationService {
    /// Lets `audit.reads` answer from `writer`'s log (`nil`: the read log is off).
    package func useReadLog(_ writer: ReadLogWriter?) {
        readLog = writer
    }

    /// `audit.reads`: a page of the read log's records of one dossier or one actor.
    ///
    /// Checks in the order of every query: params (before), then the unknown dossier or
    /// principal (-32004), then the role: only auditor and privacy read the read log (-32003).
    /// The records this process buffered are written first, so a read answered before this
    /// call is listed.
    func reads(
        _ selection: ReadSelection, from: Timestamp?, until: Timestamp?, limit: Int, cursor: Int64?, by principal: ActingPrincipal
    ) async throws -> JSONValue {
        switch selection {
        case let .dossier(dossierId):
            guard model.dossiers[dossierId] != nil else { throw DomainError.notFound("no dossier \(dossierId)") }
        case let .actor(actor):
            guard model.principals[actor] != nil else { throw DomainError.notFound("no principal \(actor)") }
        }
        guard principal.role == .auditor || principal.role == .privacy else {
            throw DomainError.forbidden("audit.reads is for auditors and the privacy officer")
        }
        guard let readLog else {
            throw DomainError(.ruleViolation, "the read log is off on this server (tafel serve --read-log off)", rule: "read_log_off")
        }
        await readLog.flush()
        let page = try await readLog.log.records(matching: selection, from: from, until: until, after: cursor ?? 0, limit: limit + 1)
        let next: JSONValue = page.count > limit ? .string(String(page[limit - 1].sequence)) : .null
        return .object([("reads", .array(page.prefix(limit).map(\.json))), ("nextCursor", next)])
    }
}
