import Events
import Foundation
import RPC
import Testing

/// A request whose handler was cancelled (its client already answered 503) stops working.
@Suite struct DispatcherCancellationTests {
    @Test func aCancelledBatchRunsNoFurtherCalls() async throws {
        // Given a batch of 100 calls.
        let test = try await RPCTestService.make()
        let body = "[" + Array(repeating: #"{"jsonrpc":"2.0","id":1,"method":"audit.verify"}"#, count: 100).joined(separator: ",") + "]"
        let dispatcher = test.dispatcher
        let token = test.adminToken

        // When the task handling it is cancelled before it runs.
        let task = Task {
            while !Task.isCancelled { await Task.yield() }
            return await dispatcher.handle(body: Array(body.utf8), authorization: "Bearer \(token)")
        }
        task.cancel()
        let (_, records) = await task.value

        // Then not one of its calls was run.
        #expect(records.isEmpty, "\(records.count) calls run")
        await test.close()
    }

    @Test func aCancelledHistoricalQueryStopsReplayingTheLog() async throws {
        // Given a query as the log stood at position 1, which replays the log.
        let test = try await RPCTestService.make()
        let body = #"{"jsonrpc":"2.0","id":1,"method":"dossier.get","params":{"dossierId":"d-1","atPosition":1}}"#
        let dispatcher = test.dispatcher
        let token = test.auditorToken

        // When the task handling it is cancelled before it runs.
        let task = Task {
            while !Task.isCancelled { await Task.yield() }
            return await dispatcher.handle(body: Array(body.utf8), authorization: "Bearer \(token)")
        }
        task.cancel()
        let (answer, _) = await task.value

        // Then the replay stopped at its first page: an internal error, not the answer of a
        // finished replay (-32004 for the unknown dossier).
        let response = try JSONParser.parse(answer ?? [])
        #expect(response["error"]?["code"] == .int(-32603))
        await test.close()
    }
}
