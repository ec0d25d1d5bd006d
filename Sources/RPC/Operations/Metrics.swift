import Synchronization

/// The counters `GET /metrics` reports in Prometheus text format: calls by method and
/// outcome, a latency histogram per method, HTTP statuses and appends. Gauges (log head,
/// projection position, connections) are read at scrape time.
package final class Metrics: Sendable {
    /// Upper bounds of the latency buckets, in seconds.
    static let buckets: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]

    struct Histogram {
        var counts = [UInt64](repeating: 0, count: Metrics.buckets.count)
        var sum: Double = 0
        var total: UInt64 = 0
    }

    struct State {
        var calls: [String: UInt64] = [:]
        var latency: [String: Histogram] = [:]
        var statuses: [Int: UInt64] = [:]
        var appends: UInt64 = 0
        var appendedEvents: UInt64 = 0
    }

    let state = Mutex(State())

    package init() {}

    package func record(_ call: CallRecord) {
        let seconds = Double(call.durationNanoseconds) / 1e9
        state.withLock { state in
            state.calls["\(call.method)\u{0}\(call.outcome)", default: 0] += 1
            var histogram = state.latency[call.method] ?? Histogram()
            if let bucket = Self.buckets.firstIndex(where: { seconds <= $0 }) { histogram.counts[bucket] += 1 }
            histogram.sum += seconds
            histogram.total += 1
            state.latency[call.method] = histogram
            if call.appendedEvents > 0 {
                state.appends += 1
                state.appendedEvents += UInt64(call.appendedEvents)
            }
        }
    }

    package func record(status: Int) {
        state.withLock { $0.statuses[status, default: 0] += 1 }
    }

    /// The exposition text, with the gauges of this moment.
    package func render(headPosition: Int64?, projectionPosition: Int64, openConnections: Int, unreadableEvents: Int, droppedLogLines: UInt64 = 0,
        droppedReadRecords: UInt64 = 0
    ) -> String {
        let snapshot = state.withLock { $0 }
        var out = ""
        out += "# HELP tafel_rpc_calls_total JSON-RPC calls by method and outcome (ok or the error kind).\n# TYPE tafel_rpc_calls_total counter\n"
        for (key, count) in snapshot.calls.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: "\u{0}", omittingEmptySubsequences: false)
            out += "tafel_rpc_calls_total{method=\"\(Self.escape(String(parts[0])))\",outcome=\"\(Self.escape(String(parts[1])))\"} \(count)\n"
        }
        out += "# HELP tafel_rpc_call_duration_seconds Time to answer one JSON-RPC call.\n# TYPE tafel_rpc_call_duration_seconds histogram\n"
        for (method, histogram) in snapshot.latency.sorted(by: { $0.key < $1.key }) {
            let label = "method=\"\(Self.escape(method))\""
            var cumulative: UInt64 = 0
            for (index, bound) in Self.buckets.enumerated() {
                cumulative += histogram.counts[index]
                out += "tafel_rpc_call_duration_seconds_bucket{\(label),le=\"\(bound)\"} \(cumulative)\n"
            }
            out += "tafel_rpc_call_duration_seconds_bucket{\(label),le=\"+Inf\"} \(histogram.total)\n"
            out += "tafel_rpc_call_duration_seconds_sum{\(label)} \(histogram.sum)\n"
            out += "tafel_rpc_call_duration_seconds_count{\(label)} \(histogram.total)\n"
        }
        out += "# HELP tafel_http_responses_total HTTP responses by status.\n# TYPE tafel_http_responses_total counter\n"
        for (status, count) in snapshot.statuses.sorted(by: { $0.key < $1.key }) {
            out += "tafel_http_responses_total{status=\"\(status)\"} \(count)\n"
        }
        out += "# HELP tafel_appends_total Commands that appended to the log.\n# TYPE tafel_appends_total counter\ntafel_appends_total \(snapshot.appends)\n"
        out += "# HELP tafel_appended_events_total Events those commands appended.\n# TYPE tafel_appended_events_total counter\ntafel_appended_events_total \(snapshot.appendedEvents)\n"
        if let headPosition {
            out += "# HELP tafel_store_head_position The log's last position.\n# TYPE tafel_store_head_position gauge\ntafel_store_head_position \(headPosition)\n"
            out += "# HELP tafel_projection_lag_events Events appended but not yet applied to the projections.\n# TYPE tafel_projection_lag_events gauge\n"
            out += "tafel_projection_lag_events \(max(0, headPosition - projectionPosition))\n"
        }
        out += "# HELP tafel_projection_position The last position the projections applied.\n# TYPE tafel_projection_position gauge\ntafel_projection_position \(projectionPosition)\n"
        out += "# HELP tafel_projection_unreadable_events Events the projections could not read.\n# TYPE tafel_projection_unreadable_events gauge\ntafel_projection_unreadable_events \(unreadableEvents)\n"
        out += "# HELP tafel_request_log_dropped_lines_total Request log lines dropped because standard error was not read fast enough.\n"
        out += "# TYPE tafel_request_log_dropped_lines_total counter\ntafel_request_log_dropped_lines_total \(droppedLogLines)\n"
        out += "# HELP tafel_read_log_dropped_records_total Read log records dropped because the read log could not keep up (buffer full).\n"
        out += "# TYPE tafel_read_log_dropped_records_total counter\ntafel_read_log_dropped_records_total \(droppedReadRecords)\n"
        out += "# HELP tafel_open_connections Open client connections.\n# TYPE tafel_open_connections gauge\ntafel_open_connections \(openConnections)\n"
        return out
    }

    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
    }
}
