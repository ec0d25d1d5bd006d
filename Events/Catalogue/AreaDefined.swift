/// An area (stadsdeel, wijk or buurt) was added to the municipality's tree, so dossiers and dashboards can be placed in it.
public struct AreaDefined: DomainEvent {
    public static let eventType = "AreaDefined"

    public var code: String
    public var name: String
    public var kind: String
    public var parent: String?

    public init(code: String, name: String, kind: String, parent: String? = nil) {
        self.code = code
        self.name = name
        self.kind = kind
        self.parent = parent
    }

    public var stream: String { "area-\(code)" }
}
