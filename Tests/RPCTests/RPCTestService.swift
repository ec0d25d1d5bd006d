import Coordination
import EventStore
import Foundation
import RPC

/// A coordination service on a fresh file store in a temporary directory, with tokens for
/// an auditor and an admin, for tests that drive the dispatcher in process.
struct RPCTestService {
    let directory: String
    let store: FileEventStore
    let service: CoordinationService
    let dispatcher: RPCDispatcher
    let auditorToken: String
    let adminToken: String

    static func make() async throws -> RPCTestService {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tafel-rpc-\(UUID().uuidString)").path
        let store = try FileEventStore.open(directory: directory, create: true)
        let service = try await CoordinationService(store: store)
        let system = ActingPrincipal(principalId: "system", role: .admin)
        let auditorToken = Token.generate()
        let adminToken = Token.generate()
        _ = try await service.execute(
            .registerPrincipal(principalId: "auditor", name: "Auditor", role: .auditor, stadsdelen: [], departments: [], tokenHash: Token.hash(auditorToken)),
            by: system)
        _ = try await service.execute(
            .registerPrincipal(principalId: "admin", name: "Admin", role: .admin, stadsdelen: [], departments: [], tokenHash: Token.hash(adminToken)),
            by: system)
        // Reads are recorded as `tafel serve` records them; `audit.reads` writes the buffer first.
        let reads = ReadLogWriter(log: try FileReadLog.open(directory: directory))
        await service.useReadLog(reads)
        let dispatcher = RPCDispatcher(service: service, version: "test", reads: ReadRecorder(writer: reads))
        return RPCTestService(
            directory: directory, store: store, service: service, dispatcher: dispatcher, auditorToken: auditorToken, adminToken: adminToken)
    }

    func close() async {
        await store.close()
        try? FileManager.default.removeItem(atPath: directory)
    }
}
