import EventStore

/// What `/health` and `/metrics` report about the service, without the RPC layer reaching
/// into the store.
package struct ServiceStatus: Sendable, Equatable {
    package var storeKind: String
    /// The log's head position, or `nil` when the store cannot be read right now.
    package var headPosition: Int64?
    /// The last position the projections have applied.
    package var projectionPosition: Int64
    /// Events the projections could not read (unknown type or shape).
    package var unreadableEvents: Int
    /// Why the store refuses appends although it can be read, or `nil`.
    package var storeRefusal: String? = nil

    /// Whether the service can both read and write.
    package var isHealthy: Bool { headPosition != nil && storeRefusal == nil }
}

extension CoordinationService {
    /// How long a head read for ``status()`` is reported again: `/health` and `/metrics` need
    /// no token, so without this every probe anyone sends would be a store round trip.
    static let statusHeadInterval: UInt64 = 1_000_000_000

    /// The service's status, with the store's head read at most once per
    /// ``statusHeadInterval`` whoever asks and however often; the head reported is never
    /// behind what the projections have applied, so this process's own writes show at once.
    package func status() async -> ServiceStatus {
        let now = freshness.clock()
        let head: Int64?
        if let reported = reportedHead, now &- reported.at < Self.statusHeadInterval {
            head = reported.position
        } else if let running = headInFlight {
            head = await running.value
        } else {
            let read = Task { try? await self.store.head().position }
            headInFlight = read
            head = await read.value
            headInFlight = nil
            reportedHead = (now, head)
        }
        return ServiceStatus(
            storeKind: store.kind, headPosition: head.map { max($0, model.position) }, projectionPosition: model.position, unreadableEvents: model.unreadable,
            storeRefusal: await store.writeRefusal()?.message)
    }
}
