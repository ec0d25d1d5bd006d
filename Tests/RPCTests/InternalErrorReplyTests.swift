import Coordination
import EventStore
import Events
import Foundation
import RPC
import Synchronization
import TestSupport
import Testing

/// A failure below the domain is answered with what a client can act on (contract v2:
/// -32603 with `data.kind` `unavailable`, `outcome_unknown` or `internal`, and
/// `data.errorId`), never with its cause; the cause goes to the log under that id.
@Suite struct InternalErrorReplyTests {
    /// A failure of the store's own, as a libc or libpq caller would word it.
    struct Bug: Error, CustomStringConvertible {
        var description: String { "unexpected state in /srv/tafel/Sources/Store.swift:12" }
    }

    static let secretPath = "/var/lib/tafel/data/events.log"
    static let libpq = #"could not connect to server: No such file or directory, socket "/tmp/pg/.s.PGSQL.5432"; SELECT position FROM events"#

    struct Case: Sendable, CustomTestStringConvertible {
        var operation: CountingStore.Operation
        var error: any Error
        var method: String
        var params: String
        var kind: String
        var cause: String
        var testDescription: String { "\(method) failing \(operation) → \(kind)" }
    }

    static let cases: [Case] = [
        Case(operation: .read, error: EventStoreError(.io, "cannot read \(secretPath): Input/output error"),
             method: "events.read", params: #"{"fromPosition":1}"#, kind: "unavailable", cause: secretPath),
        Case(operation: .read, error: EventStoreError(.unavailable, libpq),
             method: "audit.verify", params: "{}", kind: "unavailable", cause: "/tmp/pg"),
        Case(operation: .read, error: Bug(), method: "events.read", params: #"{"fromPosition":1}"#, kind: "internal", cause: "/srv/tafel"),
        Case(operation: .append, error: EventStoreError(.unavailable, libpq),
             method: "department.register", params: #"{"departmentId":"wonen","name":"Wonen"}"#, kind: "unavailable", cause: "/tmp/pg"),
        Case(operation: .append, error: EventStoreError(.io, "fdatasync \(secretPath): Input/output error"),
             method: "department.register", params: #"{"departmentId":"wonen","name":"Wonen"}"#, kind: "outcome_unknown", cause: secretPath),
        Case(operation: .append, error: EventStoreError(EventStoreError.Code("outcome_unknown"), "connection lost after COMMIT: \(libpq)"),
             method: "department.register", params: #"{"departmentId":"wonen","name":"Wonen"}"#, kind: "outcome_unknown", cause: "/tmp/pg"),
        Case(operation: .append, error: EventStoreError(.chainMismatch, "SELECT 1 FROM events at \(secretPath)"),
             method: "department.register", params: #"{"departmentId":"wonen","name":"Wonen"}"#, kind: "internal", cause: secretPath),
    ]

    @Test(arguments: cases)
    func aStoreFailureIsAnsweredWithItsKindAndAnIdAndLoggedWithItsCause(_ failure: Case) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tafel-fail-\(UUID().uuidString)").path
        let file = try FileEventStore.open(directory: directory, create: true)
        let store = CountingStore(file)
        let service = try await CoordinationService(store: store)
        let token = Token.generate()
        _ = try await service.execute(
            .registerPrincipal(principalId: "admin", name: "Admin", role: .admin, stadsdelen: [], departments: [], tokenHash: Token.hash(token)),
            by: ActingPrincipal(principalId: "system", role: .admin))
        let lines = Mutex<[String]>([])
        let log = Logger(capturing: { line in lines.withLock { $0.append(String(decoding: line, as: UTF8.self)) } })
        let dispatcher = RPCDispatcher(service: service, version: "test", logger: log)
        store.fail(failure.operation, with: failure.error)

        let body = #"{"jsonrpc":"2.0","id":1,"method":"\#(failure.method)","params":\#(failure.params)}"#
        let (reply, _) = await dispatcher.handle(body: Array(body.utf8), authorization: "Bearer \(token)")
        let text = String(decoding: try #require(reply), as: UTF8.self)
        let answer = try JSONParser.parse(text)

        #expect(answer["error"]?["code"] == .int(-32603))
        #expect(answer["error"]?["data"]?["kind"] == .string(failure.kind))
        guard case let .string(errorId)? = answer["error"]?["data"]?["errorId"] else {
            Issue.record("no errorId in \(text)")
            return
        }
        for leak in ["/", "SELECT", "PGSQL", "Input/output", "socket"] {
            #expect(!text.contains(leak), "the reply leaks \(leak): \(text)")
        }
        let logged = lines.withLock { $0 }.filter { $0.contains(errorId) }
        #expect(logged.count == 1)
        #expect(logged.first?.contains(failure.cause) == true, "\(logged)")
        let line = try JSONParser.parse(try #require(logged.first))
        #expect(line["event"] == "internal_error")
        #expect(line["level"] == "error")
        #expect(line["errorId"] == .string(errorId))
        await store.close()
        try? FileManager.default.removeItem(atPath: directory)
    }
}
