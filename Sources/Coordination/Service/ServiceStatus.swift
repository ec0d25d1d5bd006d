import EventStore

/// What `/health` and `/metrics` report about the service, without the RPC layer reaching
/// into the store.
public struct ServiceStatus: Sendable, Equatable {
    public var storeKind: String
    /// The log's head position, or `nil` when the store cannot be read right now.
    public var headPosition: Int64?
    /// The last position the projections have applied.
    public var projectionPosition: Int64
    /// Events the projections could not read (unknown type or shape).
    public var unreadableEvents: Int
}

extension CoordinationService {
    public func status() async -> ServiceStatus {
        let head = try? await store.head()
        return ServiceStatus(
            storeKind: store.kind, headPosition: head?.position, projectionPosition: model.position, unreadableEvents: model.unreadable)
    }
}
