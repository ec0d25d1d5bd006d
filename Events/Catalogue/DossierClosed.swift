/// A dossier was settled, with its resolution.
public struct DossierClosed: DomainEvent {
    public static let eventType = "DossierClosed"

    public var dossierId: String
    public var resolution: String

    public init(dossierId: String, resolution: String) {
        self.dossierId = dossierId
        self.resolution = resolution
    }

    public var stream: String { "dossier-\(dossierId)" }
}
