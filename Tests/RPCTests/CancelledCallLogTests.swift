import Coordination
import EventStore
import Foundation
import RPC
import Synchronization
import TestSupport
import Testing

/// A handler cancelled while it ran (its time was up, or its client left) was logged as an
/// internal error, the outcome an operator is paged for.
@Suite struct CancelledCallLogTests {
    @Test func aCallCancelledWhileRunningIsLoggedAsATimeout() async throws {
        // Given a store whose read ends in cancellation, as a cancelled wait for it does.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tafel-cancel-\(UUID().uuidString)").path
        let store = CountingStore(try FileEventStore.open(directory: directory, create: true))
        let service = try await CoordinationService(store: store)
        let token = Token.generate()
        _ = try await service.execute(
            .registerPrincipal(principalId: "admin", name: "Admin", role: .admin, stadsdelen: [], departments: [], tokenHash: Token.hash(token)),
            by: ActingPrincipal(principalId: "system", role: .admin))
        let lines = Mutex<[String]>([])
        let dispatcher = RPCDispatcher(service: service, version: "test", logger: Logger(capturing: { line in lines.withLock { $0.append(String(decoding: line, as: UTF8.self)) } }))
        store.fail(.read, with: CancellationError())

        // When the task handling a read is cancelled.
        let body = #"{"jsonrpc":"2.0","id":1,"method":"events.read","params":{"fromPosition":1}}"#
        let task = Task {
            while !Task.isCancelled { await Task.yield() }
            return await dispatcher.handle(body: Array(body.utf8), authorization: "Bearer \(token)")
        }
        task.cancel()
        let (_, records) = await task.value

        // Then the request log says timeout, and so does the service log.
        #expect(records.map(\.outcome) == ["timeout"])
        let logged = lines.withLock { $0 }
        #expect(logged.count == 1)
        #expect(logged.allSatisfy { $0.contains(#""event":"timeout""#) }, "\(logged)")
        await store.close()
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test func aFailureOfACallNotCancelledIsStillAnInternalError() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tafel-cancel-\(UUID().uuidString)").path
        let store = CountingStore(try FileEventStore.open(directory: directory, create: true))
        let service = try await CoordinationService(store: store)
        let token = Token.generate()
        _ = try await service.execute(
            .registerPrincipal(principalId: "admin", name: "Admin", role: .admin, stadsdelen: [], departments: [], tokenHash: Token.hash(token)),
            by: ActingPrincipal(principalId: "system", role: .admin))
        let dispatcher = RPCDispatcher(service: service, version: "test", logger: .discarding)
        store.fail(.read, with: CancellationError())
        let body = #"{"jsonrpc":"2.0","id":1,"method":"events.read","params":{"fromPosition":1}}"#
        let (_, records) = await dispatcher.handle(body: Array(body.utf8), authorization: "Bearer \(token)")
        #expect(records.map(\.outcome) == ["internal"])
        await store.close()
        try? FileManager.default.removeItem(atPath: directory)
    }
}
