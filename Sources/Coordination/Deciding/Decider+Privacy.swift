import Events
import Projections

extension Decider.Context {
    /// `privacy.erase`: every text ever written for the dossier (or the one text `ref`), in
    /// the given fields, that is not erased yet. Nothing left to erase decides no events, as
    /// any command that would change nothing.
    ///
    /// A dossier's erasure reads only the dossier's own stream (its append stream): a text
    /// written for it elsewhere (a discussion note, a decision) after the decision is a new
    /// text, for a next erasure.
    func decideErasure(_ command: Command) throws(DomainError) -> [any DomainEvent] {
        guard case let .erasePersonalData(dossierId, ref, fields, reason, requestRef) = command else {
            preconditionFailure("not an erasure")
        }
        let entries: [TextEntry]
        if let dossierId {
            _ = try dossier(dossierId)
            entries = model.texts(ofDossier: dossierId)
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
