/// Free texts were erased from the side store (AVG art. 17): which references, why, and on
/// whose request. The texts are gone; their digests stay in the log, so the chain verifies.
package struct PersonalDataErased: DomainEvent {
    package static let eventType = "PersonalDataErased"

    /// The dossier whose texts were erased, when the erasure named one.
    package var dossierId: String?
    /// The references (``FreeText/ref``) of the erased texts.
    package var refs: [String]
    /// Why, as the privacy officer gave it (e.g. the request's legal ground). It is kept in
    /// the log and must not itself hold personal data.
    package var reason: String
    /// The reference of the request the erasure answers (a case number), when given.
    package var requestRef: String?

    package init(dossierId: String? = nil, refs: [String], reason: String, requestRef: String? = nil) {
        self.dossierId = dossierId
        self.refs = refs
        self.reason = reason
        self.requestRef = requestRef
    }

    /// On the dossier's stream when it names one, so its audit trail shows the erasure;
    /// otherwise on the privacy officer's own stream.
    package var stream: String { dossierId.map { "dossier-\($0)" } ?? "privacy" }
}

extension PersonalDataErased {
    /// Decodes the body by hand (see ``EventFields``).
    package init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(
            dossierId: try fields.optionalString("dossierId"), refs: try fields.strings("refs"), reason: try fields.string("reason"),
            requestRef: try fields.optionalString("requestRef"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    package var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(4)
        if let dossierId { members.append(("dossierId", .string(dossierId))) }
        members.append(("reason", .string(reason)))
        members.append(("refs", .array(refs.map(JSONValue.string))))
        if let requestRef { members.append(("requestRef", .string(requestRef))) }
        return .object(members)
    }
}
