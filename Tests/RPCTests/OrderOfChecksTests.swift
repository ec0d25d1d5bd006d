import Events
import RPC
import Testing

/// The order of checks (Protocol.md, "The order of checks"), held for every method of the
/// catalogue: -32700/-32600 → -32001 → -32602 → -32004 → -32003 → -32009 → -32010. For each
/// row of ``OrderOfChecksTable``, every combination of the stages the row can make fail is
/// sent through the dispatcher, and the earliest stage's error must answer, with nothing
/// written. A method without a row fails, so a new command cannot skip the table.
@Suite struct OrderOfChecksTests {
    typealias Fault = OrderOfChecksTable.Fault

    static let methods = MethodCatalogue.all.filter { $0.kind != .discovery }.map(\.name)

    @Test(arguments: methods)
    func theEarliestFailingCheckAnswersAndNothingIsWritten(method: String) async throws {
        let rows = OrderOfChecksTable.rows.filter { $0.method == method }
        try #require(!rows.isEmpty, "\(method) has no row in OrderOfChecksTable")
        let isCommand = MethodCatalogue.method(named: method)?.kind == .command
        let world = try await OrderOfChecksWorld.make()
        let head = try await world.test.store.head()
        var sent = 0
        for row in rows {
            #expect(row.isCommand == isCommand, "\(method): the row says command \(row.isCommand)")
            let faults = row.faults
            for mask in 1..<(1 << faults.count) {
                let chosen = Set(faults.indices.filter { mask & (1 << $0) != 0 }.map { faults[$0] })
                guard let expected = chosen.min()?.code else { continue }
                let (code, message) = await answer(row, chosen, in: world)
                sent += 1
                #expect(code == expected, "\(method) \(chosen.sorted().map { "\($0)" }): \(code.map(String.init) ?? "no error") \(message)")
                #expect(try await world.test.store.head() == head, "\(method) \(chosen.sorted().map { "\($0)" }) wrote")
            }
        }
        #expect(sent >= 7)
        await world.test.close()
    }

    /// The error code and message of the reply to `row` with `faults`; no code when it succeeded.
    func answer(_ row: OrderOfChecksTable.Row, _ faults: Set<Fault>, in world: OrderOfChecksWorld) async -> (Int64?, String) {
        let body: JSONValue = .object([
            ("jsonrpc", faults.contains(.framing) ? "1.0" : "2.0"), ("id", 1), ("method", .string(row.method)),
            ("params", row.params(with: faults)),
        ])
        let who = faults.contains(.forbidden) ? row.forbidden ?? row.by : row.by
        let authorization = faults.contains(.noToken) ? nil : "Bearer \(world.tokens[who] ?? "")"
        let (reply, _) = await world.test.dispatcher.handle(body: body.canonicalBytes, authorization: authorization)
        guard let reply, let response = try? JSONParser.parse(reply) else { return (nil, "no reply") }
        guard let error = response["error"], case let .int(code)? = error["code"] else { return (nil, "") }
        if case let .string(message)? = error["message"] { return (code, message) }
        return (code, "")
    }
}
