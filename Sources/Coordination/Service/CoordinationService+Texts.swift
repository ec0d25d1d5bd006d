import EventStore
import Events
import Projections

extension CoordinationService {
    /// Fetches, in one `texts(_:)` call, the sealed texts of `page` the vault does not hold
    /// (events other processes wrote) and those an earlier fetch failed to get.
    ///
    /// A failing fetch does not stop the catch-up: the model (and with it authentication
    /// and every command) follows the log whatever happens beside it. Those texts read as
    /// `null` until a later catch-up or query fetches them (``fetchMissingTexts()``); the
    /// failure is logged (`texts_unavailable`). A text whose digest does not match the log
    /// is never shown (`text_mismatch`).
    func fetchTexts(for page: [EventEnvelope]) async {
        let wanted = vault.wanted(for: page)
        if wanted.isEmpty { return }
        do {
            let found = try await store.texts(wanted.keys.sorted())
            let refused = vault.accept(found, for: wanted)
            if !refused.isEmpty {
                logger.log(.error, "text_mismatch", [("refs", .array(refused.prefix(20).map(JSONValue.string))), ("count", .int(Int64(refused.count)))])
            }
        } catch {
            vault.miss(wanted)
            textsRetryAt = ModelFreshness.monotonic() + 1_000_000_000
            logger.log(.warning, "texts_unavailable", [("count", .int(Int64(wanted.count))), ("cause", .string("\(error)"))])
        }
    }

    /// Asks the store again for texts a failed fetch left out, before a query shows them;
    /// at most once a second while the store keeps failing.
    func fetchMissingTexts() async {
        if vault.isMissingTexts, ModelFreshness.monotonic() >= textsRetryAt { await fetchTexts(for: []) }
    }

    /// The number of references the `PersonalDataErased` event at the first of `positions`
    /// named: what `privacy.erase` answers as `erased` (0 when nothing was appended). From
    /// the log, so a retried `requestId` answers the first count; read from the store only
    /// when the model has not taken the event in yet.
    package func erasedCount(at positions: [Int64]) async throws -> Int {
        guard let position = positions.first else { return 0 }
        if let count = erasureCounts[position] { return count }
        guard let envelope = try await store.read(from: position, limit: 1).first, envelope.position == position,
            envelope.type == PersonalDataErased.eventType
        else { return 0 }
        return try PersonalDataErased(data: envelope.data).refs.count
    }

    /// An `audit.trail` entry: the envelope exactly as hashed (`data` keeps references and
    /// digests, so auditors can recompute every hash), with beside it `texts`, each free-text
    /// field of the body as it reads now, and the `erased` markers of erased ones.
    ///
    /// An erased text a schema-1 body holds inline is the exception: its `data` member reads
    /// `null` too (see ``redacted(_:)``).
    func trailEntry(_ envelope: EventEnvelope) -> JSONValue {
        let texts = FreeTextFields.texts(of: envelope)
        let entry = redacted(envelope, texts: texts)
        guard !texts.isEmpty, case var .object(members) = entry else { return entry }
        var shown = ShownTexts(vault)
        let resolved = texts.map { ($0.field, shown.value($0.text, field: $0.field)) }
        members.append(("texts", .object(resolved)))
        shown.mark(&members)
        return .object(members)
    }

    /// The envelope as `events.read` and `audit.trail` answer it: as hashed, except that an
    /// erased text held inline by a schema-1 body (written before texts were kept beside the
    /// log) reads `null`. Its bytes stay in the log, where erasure cannot reach them, but no
    /// answer shows them again; such an entry no longer recomputes to its hash, and
    /// `tafel verify` on the store proves the chain instead.
    ///
    /// An event that concerns a dossier its body does not name (a discussion note on its
    /// agenda item, a decision's note) carries the dossier as a member `dossierId` beside the
    /// envelope's own: the answer says whose data it holds, to its reader and to the read log.
    func redacted(_ envelope: EventEnvelope) -> JSONValue {
        redacted(envelope, texts: FreeTextFields.texts(of: envelope))
    }

    /// ``redacted(_:)`` with the body's free texts already read.
    func redacted(_ envelope: EventEnvelope, texts: [(field: String, text: FreeText)]) -> JSONValue {
        let json = redactedText(envelope, texts: texts)
        guard envelope.data["dossierId"] == nil, let dossierId = audit.indexedDossier(of: envelope), case var .object(members) = json
        else { return json }
        members.append(("dossierId", .string(dossierId)))
        return .object(members)
    }

    func redactedText(_ envelope: EventEnvelope, texts: [(field: String, text: FreeText)]) -> JSONValue {
        let erasedInline = texts.filter { entry in
            guard entry.text.inline != nil, case .erased = vault.reading(entry.text) else { return false }
            return true
        }.map(\.field)
        guard !erasedInline.isEmpty, case var .object(members) = envelope.json,
            let slot = members.firstIndex(where: { $0.0 == "data" }), case var .object(data) = members[slot].1
        else { return envelope.json }
        for index in data.indices where erasedInline.contains(data[index].0) { data[index].1 = .null }
        members[slot].1 = .object(data)
        return .object(members)
    }
}
