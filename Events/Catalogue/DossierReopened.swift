/// A closed dossier was opened again, with the reason.
public struct DossierReopened: DomainEvent {
    public static let eventType = "DossierReopened"

    public var dossierId: String
    public var reason: String

    public init(dossierId: String, reason: String) {
        self.dossierId = dossierId
        self.reason = reason
    }

    public var stream: String { "dossier-\(dossierId)" }
}
