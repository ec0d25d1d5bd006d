/// The table could not settle a dossier and put it before the wethouder, the college or the directie.
public struct DossierEscalated: DomainEvent {
    public static let eventType = "DossierEscalated"

    public var dossierId: String
    public var to: String
    public var reason: String

    public init(dossierId: String, to: String, reason: String) {
        self.dossierId = dossierId
        self.to = to
        self.reason = reason
    }

    public var stream: String { "dossier-\(dossierId)" }
}
