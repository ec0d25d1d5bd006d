import Coordination
import Events

/// The routes of `tafel serve`: `POST /rpc` to the dispatcher, `GET /health`, `GET
/// /metrics`; HTTP errors (404, 405, 415) for everything else. It also keeps the request
/// log and the metrics.
package final class RPCApplication: Sendable {
    package let dispatcher: RPCDispatcher
    package let metrics: Metrics
    package let log: RequestLog
    let connections: @Sendable () -> Int

    static let jsonTypes: Set<String> = ["application/json", "application/json-rpc", "application/jsonrequest"]

    package init(dispatcher: RPCDispatcher, metrics: Metrics = Metrics(), log: RequestLog = RequestLog(), connections: @escaping @Sendable () -> Int) {
        self.dispatcher = dispatcher
        self.metrics = metrics
        self.log = log
        self.connections = connections
    }

    package func handle(_ request: HTTPRequest) async -> HTTPResponse {
        let path = request.target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? request.target
        let response: HTTPResponse
        switch path {
        case "/rpc":
            guard request.method == "POST" else { return refuse(HTTPResponse.problem(405, "use POST", headers: [("Allow", "POST")]), path) }
            if let type = request.header("content-type") {
                let essence = String(type.prefix { $0 != ";" }.filter { $0 != " " && $0 != "\t" }).lowercased()
                guard Self.jsonTypes.contains(essence) else {
                    return refuse(HTTPResponse.problem(415, "send application/json"), path)
                }
            }
            let trace = TraceContext.continuing(request.header("traceparent"))
            let (body, calls) = await dispatcher.handle(body: request.body, authorization: request.header("authorization"), trace: trace)
            var answered = body.map { HTTPResponse.json($0) } ?? HTTPResponse(status: 200)
            answered.headers.append(("traceparent", trace.header))
            response = answered
            for call in calls {
                metrics.record(call)
                log.write(call, status: response.status)
            }
        case "/health":
            guard request.method == "GET" else { return refuse(HTTPResponse.problem(405, "use GET", headers: [("Allow", "GET")]), path) }
            let status = await dispatcher.service.status()
            let healthy = status.isHealthy
            let body = JSONValue.object([
                ("status", .string(healthy ? "ok" : "unavailable")),
                ("problem", status.storeRefusal.map(JSONValue.string) ?? .null),
                ("store", .string(status.storeKind)),
                ("headPosition", status.headPosition.map(JSONValue.int) ?? .null),
                ("projectionPosition", .int(status.projectionPosition)),
                ("lag", status.headPosition.map { .int(max(0, $0 - status.projectionPosition)) } ?? .null),
            ]).canonicalBytes
            response = HTTPResponse.json(body, status: healthy ? 200 : 503)
        case "/metrics":
            guard request.method == "GET" else { return refuse(HTTPResponse.problem(405, "use GET", headers: [("Allow", "GET")]), path) }
            let status = await dispatcher.service.status()
            let text = metrics.render(
                headPosition: status.headPosition, projectionPosition: status.projectionPosition, openConnections: connections(),
                unreadableEvents: status.unreadableEvents, droppedLogLines: log.droppedLines,
                droppedReadRecords: dispatcher.reads?.writer.dropped ?? 0)
            response = HTTPResponse(status: 200, contentType: "text/plain; version=0.0.4; charset=utf-8", body: Array(text.utf8))
        default:
            return refuse(HTTPResponse.problem(404, "unknown path; the API is POST /rpc"), path)
        }
        metrics.record(status: response.status)
        return response
    }

    /// Records a refusal the HTTP server answered itself (malformed request, limit, timeout).
    package func serverRefused(status: Int, reason: String) {
        metrics.record(status: status)
        log.write(path: "-", status: status, reason: reason)
    }

    func refuse(_ response: HTTPResponse, _ path: String) -> HTTPResponse {
        metrics.record(status: response.status)
        log.write(path: path, status: response.status, reason: String(decoding: response.body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        return response
    }
}
