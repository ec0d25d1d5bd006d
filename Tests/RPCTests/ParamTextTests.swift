import Coordination
import Events
import RPC
import Testing

/// Contract v2's text rule on every string param of every method, read from the method
/// catalogue itself so that no new param escapes it: a control character, an oversized key
/// or text is -32602 naming the field, and nothing is written. Strings the JSON parser
/// cannot turn into Unicode scalars (lone surrogates, invalid UTF-8) never get that far.
@Suite struct ParamTextTests {
    struct StringParam: Sendable {
        let method: String
        let name: String
        let type: ParamType
    }

    /// Every param of every method whose value is a string or an array of strings.
    static let stringParams: [StringParam] = MethodCatalogue.all.flatMap { method in
        method.params.compactMap { spec -> StringParam? in
            switch spec.type {
            case .integer, .boolean: return nil
            default: return StringParam(method: method.name, name: spec.name, type: spec.type)
            }
        }
    }

    /// Params whose own checks want a particular shape beyond their type: a cursor that
    /// this server could have given.
    static let shapedValues: [String: String] = ["decision.list cursor": "none/k1"]

    /// A value of `param` that its own checks accept, with `suffix` appended to (each) string.
    static func value(_ param: StringParam, _ suffix: String = "") -> JSONValue {
        if let shaped = shapedValues["\(param.method) \(param.name)"] { return .string(shaped + suffix) }
        return value(param.type, suffix)
    }

    /// A value of `type` that its own checks accept, with `suffix` appended to (each) string.
    static func value(_ type: ParamType, _ suffix: String = "") -> JSONValue {
        let text: String
        switch type {
        case .identifier, .identifiers: text = "x1"
        case .text: text = "Naam"
        case .longText: text = "Tekst"
        case .date: text = "2026-12-01"
        case .time: text = "2026-12-01T10:00:00Z"
        case .areaCode, .areaCodes: text = "SD-noord"
        case let .oneOf(values): text = values.first ?? ""
        case .name: text = "k1"
        case .integer, .boolean: text = ""
        }
        switch type {
        case .identifiers, .areaCodes: return .array([.string(text + suffix)])
        default: return .string(text + suffix)
        }
    }

    /// The error code and `data.fields` of calling `method` with `params` as the admin.
    static func call(_ test: RPCTestService, _ method: String, _ params: [(String, JSONValue)]) async throws -> (code: Int64?, fields: [String]) {
        let request = JSONValue.object([("jsonrpc", "2.0"), ("id", 1), ("method", .string(method)), ("params", .object(params))])
        let answer = try JSONParser.parse(await test.dispatcher.handle(body: request.canonicalBytes, authorization: "Bearer \(test.adminToken)").body ?? [])
        var code: Int64?
        if case let .int(value)? = answer["error"]?["code"] { code = value }
        let fields = (answer["error"]?["data"]?["fields"]?.arrayValue ?? []).compactMap { if case let .string(name) = $0 { return name } else { return nil } }
        return (code, fields)
    }

    @Test func theCatalogueHasStringParamsInEveryMethodThatTakesParams() {
        #expect(Self.stringParams.count > 60)
        #expect(Self.stringParams.contains { $0.method == "dossier.list" && $0.name == "cursor" })
        #expect(Self.stringParams.contains { $0.method == "meeting.close" && $0.name == "requestId" })
    }

    /// One store for every param (a store per param costs 100 fsync'd setups).
    @Test func aControlCharacterInAnyStringParamIsRefusedNamingIt() async throws {
        let test = try await RPCTestService.make()
        for param in Self.stringParams { try await Self.checkControlCharacters(param, test) }
        await test.close()
    }

    static func checkControlCharacters(_ param: StringParam, _ test: RPCTestService) async throws {
        let head = try await test.store.head().position
        let fine = try await Self.call(test, param.method, [(param.name, Self.value(param))])
        #expect(!(fine.code == -32602 && fine.fields.contains(param.name)), "a valid \(param.method) \(param.name) was refused: \(fine)")
        for bad in ["\u{0}", "\u{1F}", "\u{7F}", Unicode.Scalar(UInt32(0xFFFF)).map({ String(Character($0)) }) ?? ""] {
            let refused = try await Self.call(test, param.method, [(param.name, Self.value(param, bad))])
            #expect(refused.code == -32602 && refused.fields.contains(param.name), "\(param.method) \(param.name) took \(bad.unicodeScalars.map(\.value)): \(refused)")
        }
        let layout = try await Self.call(test, param.method, [(param.name, Self.value(param, "\n"))])
        if case .longText = param.type {
            #expect(!layout.fields.contains(param.name), "a newline in long text was refused")
        } else {
            #expect(layout.code == -32602 && layout.fields.contains(param.name), "\(param.method) \(param.name) took a newline")
        }
        #expect(try await test.store.head().position == head, "\(param.method) \(param.name) wrote")
    }

    @Test func anOversizedStringParamIsRefusedNamingIt() async throws {
        let test = try await RPCTestService.make()
        let head = try await test.store.head().position
        for param in Self.stringParams { try await Self.checkOversize(param, test) }
        #expect(try await test.store.head().position == head)
        await test.close()
    }

    static func checkOversize(_ param: StringParam, _ test: RPCTestService) async throws {
        let oversize: String
        switch param.type {
        case .text: oversize = String(repeating: "é", count: 201)
        case .longText: oversize = String(repeating: "a", count: 4001)
        default: oversize = String(repeating: "k", count: 129)
        }
        let refused = try await Self.call(test, param.method, [(param.name, Self.value(param, oversize))])
        #expect(refused.code == -32602 && refused.fields.contains(param.name), "\(param.method) \(param.name) took \(oversize.utf8.count) bytes: \(refused)")
        // Keys are capped in bytes anyway; the grapheme cluster trick was a hole of the texts.
        guard param.type.isText else { return }
        let bombed = try await Self.call(test, param.method, [(param.name, Self.value(param, Self.bomb))])
        #expect(bombed.code == -32602 && bombed.fields.contains(param.name), "\(param.method) \(param.name) took one 300 KB character: \(bombed)")
    }

    /// One grapheme cluster of 300 KB: a letter with 150,000 combining acute accents.
    static let bomb = "e" + String(repeating: "\u{301}", count: 150_000)

    @Test func aRequestIdOf128BytesIsTakenAnd129AreNot() async throws {
        let test = try await RPCTestService.make()
        let params: [(String, JSONValue)] = [("departmentId", "wonen"), ("name", "Wonen")]
        let longest = String(repeating: "é", count: 64)
        #expect(try await Self.call(test, "department.register", params + [("requestId", .string(longest))]).code == nil)
        let refused = try await Self.call(test, "department.register", params + [("requestId", .string(longest + "k"))])
        #expect(refused.code == -32602 && refused.fields == ["requestId"])
        await test.close()
    }

    @Test func aNulInANameAndARequestIdIsRefusedAndNothingIsWritten() async throws {
        let test = try await RPCTestService.make()
        _ = try await Self.call(test, "department.register", [("departmentId", "wonen"), ("name", "Wonen")])
        let head = try await test.store.head().position
        let refused = try await Self.call(test, "department.register", [("departmentId", "wonen2"), ("name", "Wo\u{0}nen"), ("requestId", "r\u{0}1")])
        #expect(refused.code == -32602 && Set(refused.fields) == ["name", "requestId"])
        #expect(try await test.store.head().position == head)
        await test.close()
    }

    @Test(arguments: [
        #"{"jsonrpc":"2.0","id":1,"method":"department.register","params":{"departmentId":"wonen","name":"\ud800"}}"#,
        #"{"jsonrpc":"2.0","id":1,"method":"department.register","params":{"departmentId":"wonen","name":"\udc00x"}}"#,
        #"{"jsonrpc":"2.0","id":1,"method":"department.register","params":{"departmentId":"wonen","name":"\ud800\u0041"}}"#,
    ])
    func loneSurrogatesAreAParseError(body: String) async throws {
        let test = try await RPCTestService.make()
        let head = try await test.store.head().position
        let answer = try JSONParser.parse(await test.dispatcher.handle(body: Array(body.utf8), authorization: "Bearer \(test.adminToken)").body ?? [])
        #expect(answer["error"]?["code"] == -32700)
        #expect(try await test.store.head().position == head)
        await test.close()
    }

    @Test(arguments: [[0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xFF], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80]] as [[UInt8]])
    func invalidUTF8IsAParseError(bytes: [UInt8]) async throws {
        let test = try await RPCTestService.make()
        let head = try await test.store.head().position
        let body = Array(#"{"jsonrpc":"2.0","id":1,"method":"department.register","params":{"departmentId":"wonen","name":"W"#.utf8) + bytes
            + Array(#""}}"#.utf8)
        let answer = try JSONParser.parse(await test.dispatcher.handle(body: body, authorization: "Bearer \(test.adminToken)").body ?? [])
        #expect(answer["error"]?["code"] == -32700)
        #expect(try await test.store.head().position == head)
        await test.close()
    }
}

extension ParamType {
    var isText: Bool {
        switch self {
        case .text, .longText: return true
        default: return false
        }
    }
}
