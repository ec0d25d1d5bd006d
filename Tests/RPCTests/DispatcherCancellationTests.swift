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
}
