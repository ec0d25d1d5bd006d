@testable import EventStore
import Events
import Foundation
import Testing

/// The stores the conformance suite runs against; every contract test takes each of them.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case file
    case postgres

    var testDescription: String { rawValue }

    /// A fresh, empty store of this kind, and a way to reopen it (to test what survives).
    func makeStore() async throws -> TestStore {
        switch self {
        case .file:
            let directory = try TemporaryDirectory.make()
            return TestStore(location: .directory(directory)) {
                try FileEventStore.open(directory: directory)
            }
        case .postgres:
            let uri = try await PostgresTestDatabase.create()
            return TestStore(location: .postgres(uri)) {
                try await PostgresEventStore.open(conninfo: uri)
            }
        }
    }
}

/// A store under test plus how to open it again after closing it.
final class TestStore: Sendable {
    let location: StoreLocation
    let open: @Sendable () async throws -> any EventStore

    init(location: StoreLocation, open: @escaping @Sendable () async throws -> any EventStore) {
        self.location = location
        self.open = open
    }
}

/// Temporary directories under the system's temp folder, one per test.
enum TemporaryDirectory {
    static func make() throws -> String {
        var template = Array((NSTemporaryDirectory() + "/tafel-test-XXXXXX").utf8CString)
        guard let pointer = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw EventStoreError(.io, "mkdtemp failed")
        }
        return String(cString: pointer) + "/store"
    }
}

/// Builders for the events the tests append.
enum Sample {
    static let actor = Actor(principalId: "regisseur-maastricht-noord", role: "regisseur")

    static func event(_ note: String = "n") -> ProposedEvent {
        ProposedEvent(DepartmentStatusUpdated(dossierId: "d1", departmentId: "wonen", status: "in_progress", note: FreeText(inline: note)))
    }

    static func request(
        _ stream: String, _ count: Int = 1, expected: ExpectedVersion = .any, requestId: String? = nil
    ) -> AppendRequest {
        AppendRequest(
            stream: stream, expectedVersion: expected, events: (0..<count).map { event("\(stream) \($0)") },
            actor: actor, requestId: requestId)
    }
}

/// A fresh database per test on the throwaway server that `ops/test.sh` starts.
///
/// Without `TAFEL_TEST_DATABASE_URL` the PostgreSQL tests fail rather than skip: the
/// store is tested against a real server every time.
enum PostgresTestDatabase {
    static func serverURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["TAFEL_TEST_DATABASE_URL"], !url.isEmpty else {
            throw EventStoreError(
                .unavailable, "TAFEL_TEST_DATABASE_URL is not set: run the tests with ops/test.sh, which starts PostgreSQL")
        }
        return url
    }

    static func create() async throws -> String {
        let server = try serverURL()
        let name = "tafel_t_" + EventId.random().replacingOccurrences(of: "-", with: "").prefix(16)
        let admin = ConfinedConnection(label: "tafel.test.admin", conninfo: server)
        _ = try await admin.run { try $0.query("CREATE DATABASE \(name)") }
        admin.close()
        return try uri(server, database: String(name))
    }

    /// `server` with its database replaced by `database`.
    static func uri(_ server: String, database: String) throws -> String {
        guard var components = URLComponents(string: server) else {
            throw EventStoreError(.unavailable, "TAFEL_TEST_DATABASE_URL is not a URI: \(server)")
        }
        components.path = "/" + database
        guard let uri = components.string else { throw EventStoreError(.unavailable, "cannot build a URI for \(database)") }
        return uri
    }
}
