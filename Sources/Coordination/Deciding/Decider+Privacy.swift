import Events
import Projections

extension Decider.Context {
    /// `privacy.erase`: every text ever written for the dossier (or the one text `ref`), in
    /// the given fields, that is not erased yet. Nothing left to erase decides no events, as
    /// any command that would change nothing.
    ///
    /// A dossier's erasure also reads the streams where its texts are written besides its
    /// own: the meetings with an item on it and its decisions. A discussion note or a
    /// decision's note written there while the erasure is decided makes the append a
    /// conflict, and the service decides it again with that text, so no text that landed
    /// before the erasure escapes it. (A decision taken on the dossier reads the dossier's
    /// stream, so it cannot slip in either.)
    func decideErasure(_ command: Command) throws(DomainError) -> [any DomainEvent] {
        guard case let .erasePersonalData(dossierId, ref, fields, reason, requestRef) = command else {
            preconditionFailure("not an erasure")
        }
        let entries: [TextEntry]
        if let dossierId {
            _ = try dossier(dossierId)
            entries = model.texts(ofDossier: dossierId)
            for meeting in model.meetings.values where meeting.items.contains(where: { $0.dossierId == dossierId }) {
                reads.note("meeting-\(meeting.meetingId)")
            }
            for decision in model.decisions.values where decision.dossierId == dossierId {
                reads.note("decision-\(decision.decisionId)")
            }
        } else if let ref, let entry = model.freeTexts[ref] {
            entries = [entry]
        } else {
            throw .notFound("no text \(ref ?? "")")
        }
        try authorize(command)
        try checkVersion()
        let refs = entries.filter { entry in
            !model.erasedTexts.contains(entry.ref) && (fields.map { $0.contains(entry.field) } ?? true)
        }.map(\.ref)
        if refs.isEmpty { return [] }
        return [PersonalDataErased(dossierId: dossierId, refs: refs, reason: reason, requestRef: requestRef)]
    }
}
