import Events
import Foundation
import RPC
import Testing

/// `rpc.discover` against the OpenRPC meta-schema, and the method sets of the document,
/// the dispatcher and API.md against each other.
@Suite struct OpenRPCDocumentTests {
    static let shared = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared")

    @Test func theDocumentIsValidOpenRPC() throws {
        let metaSchema = try JSONParser.parse(Array(try Data(contentsOf: Self.shared.appendingPathComponent("openrpc/meta-schema.json"))))
        let document = OpenRPCDocument.build(version: "0.1.0")
        let errors = JSONSchemaValidator(root: metaSchema).validate(document)
        #expect(errors.isEmpty, "\(errors.prefix(20))")
        let broken = JSONValue.object([("openrpc", "2.0"), ("info", .object([]))])
        #expect(!JSONSchemaValidator(root: metaSchema).validate(broken).isEmpty)
    }

    @Test func describedMethodsAreExactlyTheAnsweredOnesAndThoseOfAPIDocument() async throws {
        let document = OpenRPCDocument.build(version: "0.1.0")
        let described = Set((document["methods"]?.arrayValue ?? []).compactMap { method -> String? in
            if case let .string(name)? = method["name"] { return name }
            return nil
        })
        #expect(described == Set(MethodCatalogue.all.map(\.name)))

        let api = try String(contentsOf: Self.shared.appendingPathComponent("API.md"), encoding: .utf8)
        var promised: Set<String> = []
        for line in api.split(separator: "\n") where line.hasPrefix("| `") {
            let firstColumn = line.split(separator: "|")[0]
            for piece in firstColumn.split(separator: "`") where piece.contains(".") && !piece.contains(" ") { promised.insert(String(piece)) }
        }
        #expect(promised.count >= 30)
        #expect(described == promised, "missing: \(promised.subtracting(described)), extra: \(described.subtracting(promised))")

        let test = try await RPCTestService.make()
        for name in described {
            let body = Array(#"{"jsonrpc":"2.0","id":1,"method":"\#(name)"}"#.utf8)
            let answer = try JSONParser.parse(await test.dispatcher.handle(body: body, authorization: nil).body ?? [])
            #expect(answer["error"]?["code"] != -32601, "\(name) is described but not answered")
            if name != "rpc.discover" { #expect(answer["error"]?["code"] == -32001, "\(name) must need a token") }
        }
        let unknown = try JSONParser.parse(await test.dispatcher.handle(body: Array(#"{"jsonrpc":"2.0","id":1,"method":"dossier.delete"}"#.utf8), authorization: nil).body ?? [])
        #expect(unknown["error"]?["code"] == -32601)
        await test.close()
    }
}
