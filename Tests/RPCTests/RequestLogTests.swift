import EventStore
import Glibc
import RPC
import Testing

/// The request log wrote to standard error on the thread answering requests: a reader that
/// stopped reading stalled every request once the pipe was full.
@Suite struct RequestLogTests {
    @Test func aReaderThatStopsReadingCostsLogLinesNotTheCaller() throws {
        signal(SIGPIPE, SIG_IGN)
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        // Nobody reads `ends[0]`: the pipe takes 64 KiB, the queue 64 KiB, the rest is dropped.
        let log = RequestLog(logger: Logger(writer: LineWriter(fileDescriptor: ends[1], maximumBytes: 64 * 1024)))
        let lines = 10_000
        for _ in 0..<lines { log.write(path: "/rpc", status: 413, reason: String(repeating: "x", count: 100)) }
        let dropped = log.droppedLines
        #expect(dropped > 0)
        #expect(dropped < UInt64(lines))
        let text = Metrics().render(headPosition: 1, projectionPosition: 1, openConnections: 0, unreadableEvents: 0, droppedLogLines: dropped)
        #expect(text.contains("tafel_request_log_dropped_lines_total \(dropped)\n"))
        // The writer's thread, stuck on the full pipe, gets EPIPE and idles; its end stays open.
        close(ends[0])
    }
}
