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
        // Given a dossier, and a query for it as the log stood when it was raised, which
        // replays the log (an unknown dossier would be refused before any replay).
        let test = try await RPCTestService.make()
        let dispatcher = test.dispatcher
        let setup = [
            #"{"jsonrpc":"2.0","id":1,"method":"area.define","params":{"code":"SD-test","name":"Test","kind":"stadsdeel"}}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"table.establish","params":{"tableId":"t-1","name":"Tafel","stadsdeel":"SD-test"}}"#,
            #"{"jsonrpc":"2.0","id":3,"method":"dossier.raise","params":{"tableId":"t-1","title":"Dossier","dossierId":"d-1"}}"#,
        ]
        for request in setup {
            let (answer, _) = await dispatcher.handle(body: Array(request.utf8), authorization: "Bearer \(test.adminToken)")
            #expect(try JSONParser.parse(answer ?? [])["error"] == nil)
        }
        let raisedAt = try await test.store.head().position
        let body = #"{"jsonrpc":"2.0","id":1,"method":"dossier.get","params":{"dossierId":"d-1","atPosition":"# + "\(raisedAt)}}"
        let token = test.auditorToken

        // When the task handling it is cancelled before it runs.
        let task = Task {
            while !Task.isCancelled { await Task.yield() }
            return await dispatcher.handle(body: Array(body.utf8), authorization: "Bearer \(token)")
        }
        task.cancel()
        let (answer, _) = await task.value

        // Then the replay stopped before its first page: an error, not the dossier a finished
        // replay would answer.
        let response = try JSONParser.parse(answer ?? [])
        #expect(response["error"]?["code"] == .int(-32603))
        await test.close()
    }
}
