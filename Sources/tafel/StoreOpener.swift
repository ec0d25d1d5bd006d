import EventStore
import Foundation

/// Opens the store a command names, reporting recovery (a cut torn tail) on stderr.
enum StoreOpener {
    static func location(_ arguments: Arguments) -> StoreLocation {
        StoreLocation.resolve(flag: arguments.value("store"), environment: ProcessInfo.processInfo.environment)
    }

    /// - Parameter create: make an empty store when there is none (serve, import).
    static func open(_ location: StoreLocation, create: Bool) async throws -> any EventStore {
        switch location {
        case let .directory(path):
            let store = try FileEventStore.open(directory: path, create: create)
            if store.recovery.truncatedBytes > 0 {
                printError(
                    "tafel: cut a torn tail of \(store.recovery.truncatedBytes) bytes from \(path) (\(store.recovery.truncatedReason ?? "")); no acknowledged event was lost"
                )
            }
            return store
        case let .postgres(uri):
            return try await PostgresEventStore.open(conninfo: uri)
        }
    }
}
