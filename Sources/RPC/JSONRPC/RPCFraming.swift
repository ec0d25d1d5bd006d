import Events

/// JSON-RPC 2.0 framing exactly as the specification and the RPC reference state it, without I/O:
/// from a body to calls (or the errors owed for invalid ones), and from answers to the
/// response body.
package enum RPCFraming {
    /// What a body holds.
    package enum Parsed: Sendable, Equatable {
        /// One request object (or the error for an invalid one, with the id it could read).
        case single(Result<RPCCall, Failure>)
        /// A batch: one entry per element, in order.
        case batch([Result<RPCCall, Failure>])
        /// Not an acceptable body at all (parse error, `[]`, a batch beyond the limit):
        /// answer this one error object with id null.
        case rejected(RPCError)
    }

    /// An invalid element: the error and the id to answer it with (null when unreadable).
    package struct Failure: Error, Sendable, Equatable {
        package var id: RPCId
        package var error: RPCError
    }

    /// Most elements in one batch.
    package static let defaultMaximumBatch = 100

    /// The memory the parsed values of a body may take: four times the body, plus room for
    /// the fixed cost of a small request. With the body itself and its answer, a request stays
    /// within the contract's eight times its body.
    package static func parseBudget(bodyBytes: Int) -> Int { 4 * bodyBytes + 64 * 1024 }

    package static func parse(_ body: [UInt8], maximumBatch: Int = defaultMaximumBatch) -> Parsed {
        var statistics = JSONParser.Statistics()
        return parse(body, maximumBatch: maximumBatch, statistics: &statistics)
    }

    /// ``parse(_:maximumBatch:)``, telling what parsing the body cost.
    package static func parse(_ body: [UInt8], maximumBatch: Int, statistics: inout JSONParser.Statistics) -> Parsed {
        let limits = JSONParser.Limits(maximumBytes: parseBudget(bodyBytes: body.count), maximumRootElements: maximumBatch)
        let document: JSONValue
        let idTexts: [Int: String]
        do {
            (document, idTexts) = try JSONParser.parseRequest(body, limits: limits, statistics: &statistics)
        } catch where error.code == .tooManyRootElements {
            return .rejected(RPCError(.invalidRequest, "Invalid Request: a batch holds at most \(maximumBatch) elements"))
        } catch where error.code == .tooLarge {
            return .rejected(RPCError(.invalidRequest, "Invalid Request: the body holds more values than one request may"))
        } catch {
            return .rejected(RPCError(.parseError, "Parse error: \(error)"))
        }
        if case let .array(elements) = document {
            if elements.isEmpty { return .rejected(RPCError(.invalidRequest, "Invalid Request: empty batch")) }
            return .batch(elements.enumerated().map { call($1, idText: idTexts[$0]) })
        }
        return .single(call(document, idText: idTexts[0]))
    }

    /// Reads one request object; `idText` is the text of a numeric id as sent.
    static func call(_ value: JSONValue, idText: String?) -> Result<RPCCall, Failure> {
        guard case let .object(members) = value else {
            return .failure(Failure(id: .null, error: RPCError(.invalidRequest, "Invalid Request: not an object")))
        }
        // Read straight from the members, so that a call object of many members costs no
        // table beside it. A repeated member is refused: last-wins would let a proxy that
        // reads the first `method` check one call while this server runs another.
        var version: JSONValue?
        var rawId: JSONValue?
        var rawMethod: JSONValue?
        var params: JSONValue?
        for (name, member) in members {
            let seen: Bool
            switch name {
            case "jsonrpc": seen = version != nil; version = member
            case "id": seen = rawId != nil; rawId = member
            case "method": seen = rawMethod != nil; rawMethod = member
            case "params": seen = params != nil; params = member
            default: continue
            }
            if seen {
                return .failure(Failure(id: .null, error: RPCError(.invalidRequest, "Invalid Request: member \"\(name)\" given twice")))
            }
        }
        var id: RPCId?
        if let raw = rawId {
            switch raw {
            case .null: id = .null
            case let .string(text): id = .string(text)
            case .int, .double: id = .number(idText ?? raw.canonicalString)
            default:
                return .failure(Failure(id: .null, error: RPCError(.invalidRequest, "Invalid Request: id must be a string, number or null")))
            }
        }
        let answerId = id ?? .null
        guard version == .string("2.0") else {
            return .failure(Failure(id: answerId, error: RPCError(.invalidRequest, "Invalid Request: jsonrpc must be \"2.0\"")))
        }
        guard case let .string(method)? = rawMethod else {
            return .failure(Failure(id: answerId, error: RPCError(.invalidRequest, "Invalid Request: method must be a string")))
        }
        if let params {
            switch params {
            case .object, .array: break
            default:
                return .failure(Failure(id: answerId, error: RPCError(.invalidRequest, "Invalid Request: params must be an object or array")))
            }
        }
        return .success(RPCCall(id: id, method: method, params: params))
    }

    /// A response object, members in canonical order.
    package static func response(id: RPCId, _ outcome: Result<JSONValue, RPCError>) -> [UInt8] {
        switch outcome {
        case let .success(result): return response(id: id, result: result.canonicalBytes)
        case let .failure(error): return response(id: id, error: error)
        }
    }

    /// A success response around `result`, already encoded (a cached document is spliced in, not encoded again).
    package static func response(id: RPCId, result: [UInt8]) -> [UInt8] {
        var out = Array(#"{"id":"#.utf8)
        out.reserveCapacity(result.count + 48)
        out += id.bytes
        out += Array(#","jsonrpc":"2.0","result":"#.utf8)
        out += result
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// An error response.
    package static func response(id: RPCId, error: RPCError) -> [UInt8] {
        var out = Array(#"{"error":"#.utf8)
        out += error.json.canonicalBytes
        out += Array(#","id":"#.utf8)
        out += id.bytes
        out += Array(#","jsonrpc":"2.0"}"#.utf8)
        return out
    }

    /// By-name params as an object: omitted or `[]` mean none; a non-empty array is -32602.
    package static func namedParams(_ params: JSONValue?) -> Result<[(String, JSONValue)], RPCError> {
        switch params {
        case nil: return .success([])
        case let .array(elements)? where elements.isEmpty: return .success([])
        case let .object(members)?: return .success(members)
        default:
            return .failure(RPCError(.invalidParams, "Invalid params: pass params by name (an object)", extra: [("fields", ["params"])]))
        }
    }
}
