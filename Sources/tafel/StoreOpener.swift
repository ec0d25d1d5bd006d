import EventStore
import Foundation

/// Opens the store a command names; the store reports recovery (a cut torn tail) itself,
/// as a `store_tail_cut` line of its ``Logger`` on standard error.
enum StoreOpener {
    static func location(_ arguments: Arguments) -> StoreLocation {
        StoreLocation.resolve(flag: arguments.value("store"), environment: ProcessInfo.processInfo.environment)
    }

    /// - Parameter create: make an empty store when there is none (serve, import).
    /// - Parameter logger: where the store reports what it recovers from.
    static func open(_ location: StoreLocation, create: Bool, logger: Logger = .standardError) async throws -> any EventStore {
        switch location {
        case let .directory(path):
            return try FileEventStore.open(directory: path, create: create, logger: logger)
        case let .postgres(uri):
            return try await PostgresEventStore.open(conninfo: uri, logger: logger)
        }
    }
}
