import Events

/// JSON-RPC 2.0 framing exactly as the specification and API.md state it, without I/O:
/// from a body to calls (or the errors owed for invalid ones), and from answers to the
/// response body.
public enum RPCFraming {
    /// What a body holds.
    public enum Parsed: Sendable, Equatable {
        /// One request object (or the error for an invalid one, with the id it could read).
        case single(Result<RPCCall, Failure>)
        /// A batch: one entry per element, in order.
        case batch([Result<RPCCall, Failure>])
        /// Not an acceptable body at all (parse error, `[]`, a batch beyond the limit):
        /// answer this one error object with id null.
        case rejected(RPCError)
    }

    /// An invalid element: the error and the id to answer it with (null when unreadable).
    public struct Failure: Error, Sendable, Equatable {
        public var id: JSONValue
        public var error: RPCError
    }

    /// Most elements in one batch.
    public static let defaultMaximumBatch = 100

    /// The memory the parsed values of a body may take: four times the body, plus room for
    /// the fixed cost of a small request. With the body itself and its answer, a request stays
    /// within the contract's eight times its body.
    public static func parseBudget(bodyBytes: Int) -> Int { 4 * bodyBytes + 64 * 1024 }

    public static func parse(_ body: [UInt8], maximumBatch: Int = defaultMaximumBatch) -> Parsed {
        var statistics = JSONParser.Statistics()
        return parse(body, maximumBatch: maximumBatch, statistics: &statistics)
    }

    /// ``parse(_:maximumBatch:)``, telling what parsing the body cost.
    public static func parse(_ body: [UInt8], maximumBatch: Int, statistics: inout JSONParser.Statistics) -> Parsed {
        let limits = JSONParser.Limits(maximumBytes: parseBudget(bodyBytes: body.count), maximumRootElements: maximumBatch)
        let document: JSONValue
        do {
            document = try JSONParser.parse(body, limits: limits, statistics: &statistics)
        } catch where error.code == .tooManyRootElements {
            return .rejected(RPCError(.invalidRequest, "Invalid Request: a batch holds at most \(maximumBatch) elements"))
        } catch where error.code == .tooLarge {
            return .rejected(RPCError(.invalidRequest, "Invalid Request: the body holds more values than one request may"))
        } catch {
            return .rejected(RPCError(.parseError, "Parse error: \(error)"))
        }
        if case let .array(elements) = document {
            if elements.isEmpty { return .rejected(RPCError(.invalidRequest, "Invalid Request: empty batch")) }
            return .batch(elements.map(call))
        }
        return .single(call(document))
    }

    /// Reads one request object.
    static func call(_ value: JSONValue) -> Result<RPCCall, Failure> {
        guard case let .object(members) = value else {
            return .failure(Failure(id: .null, error: RPCError(.invalidRequest, "Invalid Request: not an object")))
        }
        // Read straight from the members (the last of a repeated name wins, as in a
        // dictionary), so that a call object of many members costs no table beside it.
        var version: JSONValue?
        var rawId: JSONValue?
        var rawMethod: JSONValue?
        var params: JSONValue?
        for (name, member) in members {
            switch name {
            case "jsonrpc": version = member
            case "id": rawId = member
            case "method": rawMethod = member
            case "params": params = member
            default: continue
            }
        }
        var id: JSONValue?
        if let raw = rawId {
            switch raw {
            case .string, .int, .double, .null: id = raw
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

    /// A response object.
    public static func response(id: JSONValue, _ outcome: Result<JSONValue, RPCError>) -> JSONValue {
        switch outcome {
        case let .success(result): return .object([("jsonrpc", "2.0"), ("id", id), ("result", result)])
        case let .failure(error): return .object([("jsonrpc", "2.0"), ("id", id), ("error", error.json)])
        }
    }

    /// The response body for answered elements: one object, an array for a batch, or
    /// nothing (`nil`: HTTP 200 with an empty body) when only notifications were sent.
    public static func body(_ responses: [JSONValue], wasBatch: Bool) -> [UInt8]? {
        if responses.isEmpty { return nil }
        if wasBatch { return JSONValue.array(responses).canonicalBytes }
        return responses[0].canonicalBytes
    }

    /// By-name params as an object: omitted or `[]` mean none; a non-empty array is -32602.
    public static func namedParams(_ params: JSONValue?) -> Result<[(String, JSONValue)], RPCError> {
        switch params {
        case nil: return .success([])
        case let .array(elements)? where elements.isEmpty: return .success([])
        case let .object(members)?: return .success(members)
        default:
            return .failure(RPCError(.invalidParams, "Invalid params: pass params by name (an object)", extra: [("fields", ["params"])]))
        }
    }
}
