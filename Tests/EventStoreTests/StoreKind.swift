import EventStore
import Events
import Foundation
import Testing

/// The stores the conformance suite runs against; every contract test takes each of them.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case file

    var testDescription: String { rawValue }

    /// A fresh, empty store of this kind, and a way to reopen it (to test what survives).
    func makeStore() async throws -> TestStore {
        switch self {
        case .file:
            let directory = try TemporaryDirectory.make()
            return TestStore(location: .directory(directory)) {
                try FileEventStore.open(directory: directory)
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
        ProposedEvent(DepartmentStatusUpdated(dossierId: "d1", departmentId: "wonen", status: "in_progress", note: note))
    }

    static func request(
        _ stream: String, _ count: Int = 1, expected: ExpectedVersion = .any, requestId: String? = nil
    ) -> AppendRequest {
        AppendRequest(
            stream: stream, expectedVersion: expected, events: (0..<count).map { event("\(stream) \($0)") },
            actor: actor, requestId: requestId)
    }
}
