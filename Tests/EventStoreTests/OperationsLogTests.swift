@testable import EventStore
import Events
import Foundation
import Glibc
import Testing
import TestSupport

/// The paths that recover by themselves used to say nothing: a cut torn tail, a replaced
/// PostgreSQL connection. Each now leaves one JSON line in the injected ``Logger``.
@Suite struct OperationsLogTests {
    @Test func aLineHoldsTimeLevelEventAndItsFieldsAndNothingOverridesThem() throws {
        let captured = CapturedLog()
        captured.logger.log(.warning, "store_tail_cut", [("truncatedBytes", .int(42)), ("event", .string("forged"))])
        let line = try #require(captured.lines.first)
        #expect(line["event"] == "store_tail_cut")
        #expect(line["level"] == "warning")
        #expect(line["truncatedBytes"] == .int(42))
        guard case let .string(time)? = line["time"] else {
            Issue.record("no time in \(line)")
            return
        }
        #expect(Timestamp(iso8601: time) != nil, "\(time)")
    }

    @Test func aFileStoreOpenedOnATornTailLogsTheCut() async throws {
        let directory = try await FileStoreRecoveryTests.log(batches: [1, 1, 60])
        let last = try #require(try FileStoreRecoveryTests.batches(directory).last)
        try FileStoreRecoveryTests.lose(FileStoreRecoveryTests.PageLoss.all[0], of: last, in: directory)
        let captured = CapturedLog()

        let store = try FileEventStore.open(directory: directory, logger: captured.logger)

        let cuts = captured.lines("store_tail_cut")
        #expect(cuts.count == 1)
        #expect(cuts.first?["level"] == "warning")
        #expect(cuts.first?["truncatedBytes"] == .int(store.recovery.truncatedBytes))
        #expect(cuts.first?["events"] == .int(2))
        #expect(store.recovery.truncatedBytes > 0)
        await store.close()
        let quiet = CapturedLog()
        let reopened = try FileEventStore.open(directory: directory, logger: quiet.logger)
        #expect(quiet.lines("store_tail_cut").isEmpty)
        await reopened.close()
    }

    @Test func aFailedFlushIsLoggedOnceWithTheStopOfWritesThatFollows() async throws {
        let directory = try TemporaryDirectory.make()
        let captured = CapturedLog()
        let store = try FileEventStore.open(directory: directory, logger: captured.logger)
        _ = try await store.append(Sample.request("dossier-a"))
        #expect(captured.lines.isEmpty, "\(captured.lines)")

        store.failNextFlush()
        _ = try? await store.append(Sample.request("dossier-b", 3))
        _ = try? await store.append(Sample.request("dossier-c"))

        let flushes = captured.lines("store_flush_failed")
        #expect(flushes.count == 1)
        #expect(flushes.first?["level"] == "error")
        #expect(flushes.first?["events"] == .int(3))
        #expect(captured.lines("store_writes_stopped").count == 1, "\(captured.lines)")
        await store.close()
    }

    @Test func aReaderThatStopsReadingCostsLinesThatAreCountedNotTheCaller() throws {
        signal(SIGPIPE, SIG_IGN)
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        // Nobody reads `ends[0]`: the pipe takes 64 KiB, the queue 64 KiB, the rest is dropped.
        let logger = Logger(writer: LineWriter(fileDescriptor: ends[1], maximumBytes: 64 * 1024))
        let lines = 10_000
        for number in 0..<lines {
            logger.log(.info, "postgres_reconnected", [("connection", .string("writer")), ("backend", .int(Int64(number)))])
        }
        #expect(logger.droppedLines > 0)
        #expect(logger.droppedLines < UInt64(lines))
        close(ends[0])
    }
}

/// A killed PostgreSQL session is replaced, and the replacement is logged.
@Suite struct PostgresReconnectLogTests {
    /// Ends the sessions on the store's database (but the caller's) whose last statement is
    /// like `pattern`, and returns how many.
    static func terminateSessions(_ uri: String, lastStatementLike pattern: String = "%") async throws -> Int {
        let admin = ConfinedConnection(label: "test.admin", conninfo: uri)
        defer { admin.close() }
        return try await admin.run { connection in
            try connection.query(
                """
                SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE $1
                """, [pattern]
            ).rows.count
        }
    }

    @Test func aListenerWhoseConnectionIsKilledLogsTheReconnectAndFollowsOn() async throws {
        let uri = try await PostgresTestDatabase.create()
        let captured = CapturedLog()
        let store = try await PostgresEventStore.open(conninfo: uri, logger: captured.logger)
        _ = try await store.append(Sample.request("dossier-a"))
        // The listener's session is the one whose last statement read the head.
        var ended = 0
        for _ in 0..<500 where ended == 0 {
            ended = try await Self.terminateSessions(uri, lastStatementLike: "%coalesce(max(position), 0) FROM events%")
            if ended == 0 { try await Task.sleep(nanoseconds: 10_000_000) }
        }
        try #require(ended == 1)

        let listener: @Sendable (JSONValue) -> Bool = { $0["connection"] == "listener" }
        let lost = try await captured.first("postgres_connection_lost", where: listener)
        #expect(lost?["level"] == "warning")
        let reconnected = try await captured.first("postgres_reconnected", where: listener)
        #expect(reconnected?["level"] == "info", "\(captured.lines)")
        // The new session listens: another process's event reaches this store.
        let other = try await PostgresEventStore.open(conninfo: uri, logger: .discarding)
        _ = try await other.append(Sample.request("dossier-b"))
        await other.close()
        try await store.waitForEvents(after: 1)
        #expect(store.knownHead == 2)
        await store.close()
    }

    @Test func aWriterWhoseConnectionIsKilledLogsTheReplacementAndStillAppends() async throws {
        let uri = try await PostgresTestDatabase.create()
        let captured = CapturedLog()
        let store = try await PostgresEventStore.open(conninfo: uri, logger: captured.logger)
        _ = try await store.append(Sample.request("dossier-a"))
        _ = try await Self.terminateSessions(uri)

        let appended = try await store.append(Sample.request("dossier-b"))

        #expect(appended.positions == [2])
        let writer: @Sendable (JSONValue) -> Bool = { $0["connection"] == "writer" }
        #expect(try await captured.first("postgres_reconnected", where: writer) != nil, "\(captured.lines)")
        for line in captured.lines {
            #expect(!"\(line)".contains("INSERT"), "a log line quotes a statement: \(line)")
        }
        await store.close()
    }
}
