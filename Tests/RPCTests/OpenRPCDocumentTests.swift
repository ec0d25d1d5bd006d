import Events
import Foundation
import RPC
import Testing

/// `rpc.discover` against the OpenRPC meta-schema, and the method sets of the document, the
/// dispatcher and the method reference (`Sources/RPC/RPC.docc/Methods.md`) against each
/// other. Everything they read is in the repository: the meta-schema is a resource of this
/// target, the reference is read from the source tree.
@Suite struct OpenRPCDocumentTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let referencePath = "Sources/RPC/RPC.docc/Methods.md"

    static func metaSchema() throws -> JSONValue {
        let url = try #require(Bundle.module.url(forResource: "meta-schema", withExtension: "json", subdirectory: "OpenRPC"))
        return try JSONParser.parse(Array(try Data(contentsOf: url)))
    }

    static func reference() throws -> MethodReference {
        MethodReference(markdown: try String(contentsOf: repository.appendingPathComponent(referencePath), encoding: .utf8))
    }

    static var described: [String: MethodDescriptor] {
        Dictionary(MethodCatalogue.all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    @Test func theDocumentIsValidOpenRPC() throws {
        let metaSchema = try Self.metaSchema()
        let document = OpenRPCDocument.build(version: "0.1.0")
        let errors = JSONSchemaValidator(root: metaSchema).validate(document)
        #expect(errors.isEmpty, "\(errors.prefix(20))")
        let broken = JSONValue.object([("openrpc", "2.0"), ("info", .object([]))])
        #expect(!JSONSchemaValidator(root: metaSchema).validate(broken).isEmpty)
    }

    @Test func theMetaSchemaTravelsWithItsLicence() throws {
        let url = try #require(Bundle.module.url(forResource: "LICENSE", withExtension: "md", subdirectory: "OpenRPC"))
        let licence = try String(contentsOf: url, encoding: .utf8)
        #expect(licence.contains("Apache License"))
    }

    @Test func describedMethodsAreExactlyTheAnsweredOnes() async throws {
        let document = OpenRPCDocument.build(version: "0.1.0")
        let described = Set((document["methods"]?.arrayValue ?? []).compactMap { method -> String? in
            if case let .string(name)? = method["name"] { return name }
            return nil
        })
        #expect(described == Set(MethodCatalogue.all.map(\.name)))

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

    @Test func theReferenceListsExactlyTheDescribedMethods() throws {
        let reference = try Self.reference()
        let described = Set(Self.described.keys)
        let documented = Set(reference.methods.keys)
        #expect(documented.count >= 30, "the reference's method tables were not found in \(Self.referencePath)")
        #expect(
            described == documented,
            "in rpc.discover but not in \(Self.referencePath): \(described.subtracting(documented).sorted()); in the reference but not answered: \(documented.subtracting(described).sorted())")
        let plannedButAnswered = reference.planned.intersection(described)
        #expect(plannedButAnswered.isEmpty, "answered, yet listed as planned in \(Self.referencePath): \(plannedButAnswered.sorted())")
        #expect(reference.planned.isDisjoint(with: documented), "listed both as existing and as planned: \(reference.planned.intersection(documented).sorted())")
    }

    @Test func theReferenceStatesEachMethodsParams() throws {
        let reference = try Self.reference()
        for (name, descriptor) in Self.described {
            guard let documented = reference.methods[name] else { continue }
            var actual = Dictionary(descriptor.params.map { ($0.name, $0.required) }, uniquingKeysWith: { first, _ in first })
            if descriptor.kind == .command {
                // Every command takes these two; the reference states that once, not per row.
                actual["expectedVersion"] = nil
                actual["requestId"] = nil
            }
            #expect(documented == actual, "\(name): the reference says \(documented.sorted { $0.key < $1.key }), rpc.discover \(actual.sorted { $0.key < $1.key })")
        }
    }

    @Test func theReferenceReaderFindsWhatItMustAndNothingElse() {
        let markdown = """
            ## Commands
            | method | params (required **bold**) | who may |
            |---|---|---|
            | `table.addMember` / `table.removeMember` | **tableId**, **departmentId** | admin |
            | `audit.verify` | — | every role |
            Not a row: `dossier.close` in prose.
            ## Planned (contract v2)
            | method | params | who may |
            |---|---|---|
            | `meeting.cancel` | **meetingId**, **reason** | regisseur |
            ## Result shapes
            | `any.tableRow` | after the planned section, a table counts again | y |
            """
        let reference = MethodReference(markdown: markdown)
        #expect(reference.methods == [
            "table.addMember": ["tableId": true, "departmentId": true],
            "table.removeMember": ["tableId": true, "departmentId": true],
            "audit.verify": [:],
            "any.tableRow": ["after the planned section": false, "a table counts again": false],
        ])
        #expect(reference.planned == ["meeting.cancel"])
    }
}

/// The method tables of the reference article: every row whose first cell names methods in
/// backticks, with the params of its second cell (`**name**` required, `name` optional,
/// `—` none). Rows under a level-2 heading that starts with "Planned" are methods of the
/// contract that the server does not answer yet.
struct MethodReference {
    var methods: [String: [String: Bool]] = [:]
    var planned: Set<String> = []

    init(markdown: String) {
        var inPlannedSection = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") {
                inPlannedSection = line.dropFirst(3).hasPrefix("Planned")
                continue
            }
            guard line.hasPrefix("| `") else { continue }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 3 else { continue }
            let names = cells[1].split(separator: "`").map(String.init).filter(Self.isMethodName)
            if inPlannedSection {
                planned.formUnion(names)
                continue
            }
            let params = Self.params(cells[2])
            for name in names { methods[name] = params }
        }
    }

    static func isMethodName(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count >= 2 && parts.allSatisfy { part in !part.isEmpty && part.allSatisfy { $0.isASCII && $0.isLetter } }
    }

    static func params(_ cell: String) -> [String: Bool] {
        var params: [String: Bool] = [:]
        for item in cell.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where item != "—" && !item.isEmpty {
            let required = item.hasPrefix("**") && item.hasSuffix("**")
            params[item.trimmingCharacters(in: CharacterSet(charactersIn: "*`"))] = required
        }
        return params
    }
}
