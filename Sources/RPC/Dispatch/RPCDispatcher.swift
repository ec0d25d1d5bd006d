import Coordination
import EventStore
import Events
import Glibc
import Synchronization

/// Turns a `POST /rpc` body into its response body: framing, method lookup,
/// authentication, params, then the coordination service, in the order of checks the RPC reference
/// fixes. Batch elements run one after the other, in order. No input makes it throw.
package final class RPCDispatcher: Sendable {
    package let service: CoordinationService
    package let maximumBatch: Int
    /// Where the cause of every -32603 reply goes, under the error id the reply carries.
    package let logger: Logger
    /// Bytes of one reply (see ``ServerLimits/maximumResponseBytes``).
    package let maximumResponseBytes: Int
    /// Writes a read record for each answer with dossier data; `nil` when the read log is off.
    package let reads: ReadRecorder?
    /// The OpenRPC document, encoded once: it never changes while the server runs, and at
    /// 57 KB encoding it per call made `rpc.discover` (which needs no token) cheap to abuse.
    let discovery: [UInt8]
    /// Bytes of results encoded so far (the cached discovery document is not encoded again),
    /// so that tests can count the work replies take.
    package let encodedResultBytes = Atomic<Int>(0)

    /// The default of ``maximumResponseBytes``: 16 MiB, far above any page of a list.
    package static let defaultMaximumResponseBytes = 16 * 1024 * 1024

    package init(
        service: CoordinationService, maximumBatch: Int = RPCFraming.defaultMaximumBatch,
        maximumResponseBytes: Int = defaultMaximumResponseBytes, version: String, logger: Logger = .standardError,
        reads: ReadRecorder? = nil
    ) {
        self.reads = reads
        self.service = service
        self.maximumBatch = maximumBatch
        self.maximumResponseBytes = maximumResponseBytes
        self.logger = logger
        self.discovery = OpenRPCDocument.build(version: version).canonicalBytes
    }

    /// The answer to one body: the response bytes (`nil`: nothing to answer) and a record per call.
    /// - Parameter trace: the request's trace; a single call is its span, each element of a
    ///   batch gets a span of its own in the same trace.
    package func handle(body: [UInt8], authorization: String?, trace: TraceContext? = nil) async -> (body: [UInt8]?, calls: [CallRecord]) {
        var session = Session(authorization: authorization, trace: trace ?? .fresh())
        switch RPCFraming.parse(body, maximumBatch: maximumBatch) {
        case let .rejected(error):
            var kind = RPCErrorCode.invalidRequest.kind
            if case let .string(text)? = error.data["kind"] { kind = text }
            let record = CallRecord(method: "-", principal: nil, outcome: kind, code: error.code, requestId: nil, durationNanoseconds: 0)
            return (RPCFraming.response(id: .null, error: error), [record])
        case let .single(element):
            let (response, record) = await answer(element, session: &session, limit: maximumResponseBytes)
            return (response, [record])
        case let .batch(elements):
            var body: [UInt8] = [UInt8(ascii: "[")]
            var records: [CallRecord] = []
            for element in elements {
                session.spanId = TraceContext.newSpanId()
                // A cancelled request has been answered already (503): the rest would be work for no one.
                if Task.isCancelled { break }
                let (response, record) = await answer(element, session: &session, limit: maximumResponseBytes - body.count - 1)
                if let response {
                    if body.count > 1 { body.append(UInt8(ascii: ",")) }
                    body += response
                }
                records.append(record)
            }
            if body.count == 1 { return (nil, records) }
            body.append(UInt8(ascii: "]"))
            return (body, records)
        }
    }

    /// What a method answers: a value to encode, or bytes encoded before.
    enum Reply {
        case value(JSONValue)
        case encoded([UInt8])
    }

    /// The bytes of one response object, or of its `response_too_large` error when they
    /// would pass `limit`.
    func encode(id: RPCId, _ outcome: Result<Reply, RPCError>, limit: Int, record: inout CallRecord) -> [UInt8] {
        switch outcome {
        case let .failure(error):
            let bytes = RPCFraming.response(id: id, error: error)
            if bytes.count <= limit { return bytes }
        case let .success(reply):
            let room = limit - RPCFraming.response(id: id, result: []).count
            switch reply {
            case let .encoded(bytes) where bytes.count <= room:
                return RPCFraming.response(id: id, result: bytes)
            case let .value(value):
                let bytes = value.canonicalBytes(limit: room)
                encodedResultBytes.add(bytes?.count ?? room, ordering: .relaxed)
                if let bytes { return RPCFraming.response(id: id, result: bytes) }
            case .encoded: break
            }
        }
        let error = RPCError(
            .responseTooLarge, "Internal error: the answer is larger than \(maximumResponseBytes) bytes; ask for less (a smaller limit, narrower filters)",
            extra: [("maximumBytes", .int(Int64(maximumResponseBytes)))])
        record.code = error.code
        record.outcome = RPCErrorCode.responseTooLarge.kind
        return RPCFraming.response(id: id, error: error)
    }

    /// The bearer token of one HTTP request. It is authenticated again for every element of
    /// a batch, so that an element that revokes or re-keys the caller binds the ones after it.
    struct Session {
        var authorization: String?
        var trace: TraceContext
        /// The span of the call being answered.
        var spanId: String
        /// Whether this request was given the discovery document already: once per request
        /// is enough, and a batch of them would multiply a 57 KB answer by the batch size.
        var discovered = false

        init(authorization: String?, trace: TraceContext) {
            self.authorization = authorization
            self.trace = trace
            self.spanId = trace.spanId
        }

        var token: String? {
            guard let authorization else { return nil }
            let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
            let token = String(parts[1].filter { $0 != " " && $0 != "\t" })
            return token.isEmpty || token.utf8.count > 512 ? nil : token
        }
    }

    func answer(_ element: Result<RPCCall, RPCFraming.Failure>, session: inout Session, limit: Int) async -> ([UInt8]?, CallRecord) {
        let started = Self.now()
        switch element {
        case let .failure(failure):
            var record = CallRecord(method: "-", principal: nil, outcome: RPCErrorCode.invalidRequest.kind, code: failure.error.code, requestId: nil, durationNanoseconds: Self.now() - started)
            return (encode(id: failure.id, .failure(failure.error), limit: limit, record: &record), record)
        case let .success(call):
            var record = CallRecord(method: call.method, principal: nil, outcome: "ok", code: nil, requestId: nil, durationNanoseconds: 0)
            let outcome = await run(call, session: &session, record: &record)
            record.durationNanoseconds = Self.now() - started
            if case let .failure(error) = outcome {
                record.code = error.code
                if case let .string(kind)? = error.data["kind"] { record.outcome = kind }
                if Task.isCancelled, error.code == RPCErrorCode.internalError.code { record.outcome = Self.timeoutOutcome }
            }
            guard let id = call.id else { return (nil, record) }
            return (encode(id: id, outcome, limit: limit, record: &record), record)
        }
    }

    func run(_ call: RPCCall, session: inout Session, record: inout CallRecord) async -> Result<Reply, RPCError> {
        guard let method = MethodCatalogue.method(named: call.method) else {
            record.method = "unknown"
            // 100 scalars, not `Character`s: one character can carry any number of combining marks.
            let shown = String(String.UnicodeScalarView(call.method.unicodeScalars.prefix(100)))
            return .failure(RPCError(.methodNotFound, "Method not found: \(shown)"))
        }
        var writing = false
        do {
            var principal: ActingPrincipal?
            if method.needsAuthentication {
                guard let known = try await session.token.asyncFlatMap({ try await service.authenticate(token: $0) }) else {
                    return .failure(RPCError(.unauthenticated, "a valid bearer token is needed (Authorization: Bearer <token>)"))
                }
                principal = known
                record.principal = known.principalId
            }
            let members: [(String, JSONValue)]
            switch RPCFraming.namedParams(call.params) {
            case let .success(named): members = named
            case let .failure(error): return .failure(error)
            }
            var params = try Params(members, specs: method.params)
            params.principalId = principal?.principalId
            record.requestId = params.string("requestId")
            switch try method.build(params) {
            case .discovery:
                if session.discovered {
                    return .failure(RPCError(.invalidRequest, "Invalid Request: rpc.discover is answered once per request; the document is the same every time"))
                }
                session.discovered = true
                return .success(.encoded(discovery))
            case let .query(query):
                let started = reads.map { _ in Timestamp.now() }
                let answer = try await service.answer(query, by: principal!)
                if let reads, let started {
                    reads.record(method: method.name, principal: principal!, trace: session.trace, spanId: session.spanId, started: started, answer: answer)
                }
                return .success(.value(answer))
            case let .command(command, created, token):
                writing = true
                let result = try await execute(command, created: created, token: token, params: params, by: principal!)
                if case let .array(positions)? = result["positions"] { record.appendedEvents = positions.count }
                return .success(.value(result))
            }
        } catch let error as DomainError {
            return .failure(RPCError(error))
        } catch {
            let failure = ServiceFailure.classify(error, writing: writing)
            // Cancelled because no one waits for the answer any more (its time ran out, or
            // its client left): a timeout to look into, not a fault of the server.
            logger.log(.error, Task.isCancelled ? Self.timeoutOutcome : "internal_error", [
                ("errorId", .string(failure.errorId)), ("kind", .string(failure.kind.rawValue)), ("method", .string(method.name)),
                ("principal", record.principal.map(JSONValue.string) ?? .null), ("cause", .string(failure.cause)),
            ])
            return .failure(RPCError(internal: failure))
        }
    }

    func execute(
        _ command: Command, created: (field: String, value: String)?, token: String?, params: Params, by principal: ActingPrincipal
    ) async throws -> JSONValue {
        let requestId = params.string("requestId")
        if let requestId, requestId.isEmpty || requestId.utf8.count > 128 {
            throw DomainError(.invalidParams, "requestId must be 1 to 128 bytes", fields: ["requestId"])
        }
        let result = try await service.execute(command, by: principal, expectedVersion: params.integer("expectedVersion"), requestId: requestId)
        var members: [(String, JSONValue)] = [
            ("stream", .string(result.stream)), ("version", .int(result.version)), ("positions", .array(result.positions.map(JSONValue.int))),
        ]
        if let created { members.append((created.field, .string(created.value))) }
        if case .erasePersonalData = command {
            members.append(("erased", .int(Int64(try await service.erasedCount(at: result.positions)))))
        }
        if let token, case let .registerPrincipal(principalId, _, _, _, _, tokenHash) = command {
            // A retried request returns the first result; its token was shown then and is not known now.
            if await service.model.principals[principalId]?.tokenHash == tokenHash {
                members.append(("token", .string(token)))
            } else {
                members.append(("token", .null))
                members.append(("tokenShownBefore", true))
            }
        }
        return .object(members)
    }

    /// The request log's outcome (and the service log's event) of a call cancelled while it ran.
    static let timeoutOutcome = "timeout"

    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}

extension Optional {
    func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
