@testable import EventStore
import Events
import Foundation
import Testing
import TestSupport

/// What a power cut does to the last batch: the pages of one `pwrite` reach the disk in any
/// order, so some 4 KiB pages of the batch hold the new bytes and others still the zeros
/// reserved ahead of the log (or garbage). SIGKILL cannot show this; these tests lay the
/// pages out by hand.
@Suite struct FileStoreRecoveryTests {
    static let page = 4096

    /// Which pages of a batch (by index among the pages it touches) are lost, and how.
    struct PageLoss: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let garble: Bool
        let pick: @Sendable (Int) -> [Int]

        static let all: [PageLoss] = [
            PageLoss(testDescription: "a middle page lost, later pages intact", garble: false) { [$0 / 2] },
            PageLoss(testDescription: "the first page (the batch header) lost", garble: false) { _ in [0] },
            PageLoss(testDescription: "the last page lost", garble: false) { [$0 - 1] },
            PageLoss(testDescription: "every other page lost", garble: false) { Array(stride(from: 1, to: $0, by: 2)) },
            PageLoss(testDescription: "all but the last page lost", garble: false) { Array(0..<($0 - 1)) },
            PageLoss(testDescription: "a middle page garbled", garble: true) { [$0 / 2] },
        ]
    }

    static func logPath(_ directory: String) -> String { directory + "/events.log" }

    /// A closed store whose batches are one append each, of `sizes[i]` events, in order.
    static func log(batches sizes: [Int]) async throws -> String {
        let directory = try TemporaryDirectory.make()
        let store = try FileEventStore.open(directory: directory)
        for (number, size) in sizes.enumerated() { _ = try await store.append(Sample.request("dossier-\(number % 3)", size)) }
        await store.close()
        return directory
    }

    /// The byte range of every batch frame in a closed log, in order.
    static func batches(_ directory: String) throws -> [Range<Int>] {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: logPath(directory))))
        var ranges: [Range<Int>] = []
        var offset = RecordFrame.fileHeader.count
        while let header = bytes.withUnsafeBytes({ BatchFrame.header($0, at: offset) }) {
            let end = offset + BatchFrame.headerSize + Int(header.bodyLength)
            ranges.append(offset..<end)
            offset = end
        }
        return ranges
    }

    /// Loses the pages `loss` picks among those `batch` touches: only the batch's own bytes
    /// change, as the bytes before it on a shared page were flushed with the batch before.
    static func lose(_ loss: PageLoss, of batch: Range<Int>, in directory: String) throws {
        let url = URL(fileURLWithPath: logPath(directory))
        var bytes = try [UInt8](Data(contentsOf: url))
        let pages = Array((batch.lowerBound / page)...((batch.upperBound - 1) / page))
        try #require(pages.count >= 4, "the batch spans \(pages.count) pages")
        for index in loss.pick(pages.count) {
            let lost = max(pages[index] * page, batch.lowerBound)..<min((pages[index] + 1) * page, batch.upperBound)
            for offset in lost { bytes[offset] = loss.garble ? UInt8(truncatingIfNeeded: offset &* 167 &+ 13) : 0 }
        }
        // The zeroed blocks reserved ahead of the log, which a crash leaves behind.
        bytes += [UInt8](repeating: 0, count: 64 * 1024)
        try Data(bytes).write(to: url)
    }

    static func fileSize(_ directory: String) throws -> Int {
        try FileManager.default.attributesOfItem(atPath: logPath(directory))[.size] as? Int ?? 0
    }

    @Test(arguments: PageLoss.all)
    func aTornLastBatchIsCutAndReported(loss: PageLoss) async throws {
        let directory = try await Self.log(batches: [1, 1, 1, 1, 1, 60])
        let last = try #require(try Self.batches(directory).last)
        try Self.lose(loss, of: last, in: directory)
        let size = try Self.fileSize(directory)

        let store = try FileEventStore.open(directory: directory)
        #expect(store.recovery.truncatedBytes == Int64(size - last.lowerBound))
        #expect(store.recovery.truncatedReason?.contains("never acknowledged") == true)
        #expect(try await store.head().position == 5)
        #expect(try await ChainVerifier.verify(store).ok)
        #expect(try await store.append(Sample.request("dossier-x")).positions == [6])
        await store.close()
        let reopened = try FileEventStore.open(directory: directory)
        #expect(reopened.recovery.truncatedBytes == 0)
        #expect(try await reopened.head().position == 6)
        await reopened.close()
    }

    @Test(arguments: PageLoss.all)
    func theSameLossInAnAcknowledgedBatchRefusesToOpenAndNamesThePosition(loss: PageLoss) async throws {
        let directory = try await Self.log(batches: [1, 1, 1, 1, 1, 60, 1, 1])
        let ranges = try Self.batches(directory)
        try Self.lose(loss, of: ranges[5], in: directory)
        let before = try Data(contentsOf: URL(fileURLWithPath: Self.logPath(directory)))

        do {
            _ = try FileEventStore.open(directory: directory)
            Issue.record("a log damaged before acknowledged batches opened")
        } catch let error as EventStoreError {
            #expect(error.code == .damaged)
            let position = try #require(error.position)
            #expect((6...65).contains(position), "position \(position) is not in the damaged batch")
            if loss.pick(4) == [0] { #expect(position == 6) }
            #expect(error.message.contains("position \(position)"))
        }
        let after = try Data(contentsOf: URL(fileURLWithPath: Self.logPath(directory)))
        #expect(after == before, "refusing to open must not repair anything")
    }

    /// The writer writes the next batch while the syncer still flushes the last one, so a
    /// power cut can leave a torn batch followed by a whole one that was never flushed
    /// either. That one's frame says the flushed log ended before the torn batch: both go.
    @Test func aWholeBatchWrittenWhileTheTornOneWasInFlightIsCutWithIt() async throws {
        let directory = try await Self.log(batches: [1, 1, 1, 60, 2])
        let ranges = try Self.batches(directory)
        let url = URL(fileURLWithPath: Self.logPath(directory))
        var bytes = try [UInt8](Data(contentsOf: url))
        Self.rewriteDurableEnd(of: ranges[4], to: ranges[3].lowerBound, in: &bytes)
        try Data(bytes).write(to: url)
        try Self.lose(PageLoss.all[0], of: ranges[3], in: directory)

        let store = try FileEventStore.open(directory: directory)
        #expect(store.recovery.truncatedBytes > 0)
        #expect(try await store.head().position == 3)
        #expect(try await ChainVerifier.verify(store).ok)
        await store.close()
    }

    /// Sets the `durableEnd` of the batch at `batch` and seals its header again.
    static func rewriteDurableEnd(of batch: Range<Int>, to durableEnd: Int, in bytes: inout [UInt8]) {
        var field: [UInt8] = []
        BatchFrame.appendLittleEndian(UInt64(durableEnd), to: &field)
        bytes.replaceSubrange(batch.lowerBound + 12..<batch.lowerBound + 20, with: field)
        let crc = CRC32C.checksum(Array(bytes[batch.lowerBound..<batch.lowerBound + BatchFrame.headerSize - 4]))
        var sealed: [UInt8] = []
        RecordFrame.appendLittleEndian(crc, to: &sealed)
        bytes.replaceSubrange(batch.lowerBound + BatchFrame.headerSize - 4..<batch.lowerBound + BatchFrame.headerSize, with: sealed)
    }

    @Test func aLogWrittenInVersionOneOpensVerifiesAndExportsTheSameBytes() async throws {
        let directory = try VersionOneLog.directory()
        let store = try FileEventStore.open(directory: directory)
        #expect(store.recovery.truncatedBytes == 0)
        #expect(try await store.head() == LogHead(position: 4, hash: VersionOneLog.head))
        #expect(try await ChainVerifier.verify(store).ok)
        var exported: [UInt8] = []
        try await store.readAll { page in
            for envelope in page {
                envelope.json.writeCanonical(into: &exported)
                exported.append(0x0A)
            }
        }
        #expect(Hex.encode(HashChain.link(previous: [], canonical: exported)) == VersionOneLog.exportDigest)
        #expect(try await store.append(Sample.request("dossier-new", 3)).positions == [5, 6, 7])
        #expect(try await store.readStream("dossier-new", from: 1, limit: 10).count == 3)
        await store.close()

        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.logPath(directory))))
        #expect(Array(bytes.prefix(16)) == RecordFrame.fileHeader, "the header says v2, so an older tafel refuses the log")
        let records = 16..<VersionOneLog.bytes.count
        #expect(Array(bytes[records]) == Array(VersionOneLog.bytes[records]), "the version 1 records stay as they were")
        let reopened = try FileEventStore.open(directory: directory)
        #expect(reopened.recovery.truncatedBytes == 0)
        #expect(try await reopened.head().position == 7)
        #expect(try await ChainVerifier.verify(reopened).ok)
        await reopened.close()
    }

    /// A power cut between the two steps of the upgrade leaves the empty batch after the
    /// records but the version 1 header: the next open finishes the upgrade.
    @Test func anUpgradeCutShortAfterItsEmptyBatchIsFinishedOnTheNextOpen() async throws {
        let directory = try VersionOneLog.directory()
        var marker: [UInt8] = []
        BatchFrame.seal(&marker, at: BatchFrame.open(&marker), durableEnd: Int64(VersionOneLog.bytes.count), recordHeaders: [])
        try (VersionOneLog.bytes + Data(marker)).write(to: URL(fileURLWithPath: Self.logPath(directory)))

        let store = try FileEventStore.open(directory: directory)
        #expect(store.recovery.truncatedBytes == 0)
        #expect(try await store.head() == LogHead(position: 4, hash: VersionOneLog.head))
        #expect(try await store.append(Sample.request("dossier-new")).positions == [5])
        await store.close()
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.logPath(directory))))
        #expect(Array(bytes.prefix(16)) == RecordFrame.fileHeader)
        let records = VersionOneLog.bytes.count
        #expect(bytes.withUnsafeBytes { BatchFrame.header($0, at: records) }?.bodyLength == 0)
        let next = bytes.withUnsafeBytes { BatchFrame.header($0, at: records + BatchFrame.headerSize) }
        #expect(next.map { $0.bodyLength > 0 } == true, "one empty batch after the records, not two")
        let reopened = try FileEventStore.open(directory: directory)
        #expect(try await reopened.head().position == 5)
        #expect(try await ChainVerifier.verify(reopened).ok)
        await reopened.close()
    }

    @Test func aVersionOneLogWithATornLastRecordIsCut() async throws {
        let directory = try VersionOneLog.directory()
        let url = URL(fileURLWithPath: Self.logPath(directory))
        try VersionOneLog.bytes.prefix(VersionOneLog.bytes.count - 100).write(to: url)
        let store = try FileEventStore.open(directory: directory)
        #expect(store.recovery.truncatedBytes > 0)
        #expect(try await store.head().position == 3)
        await store.close()
    }

    /// Damage among version 1 records refuses to open, before the upgrade (a valid record
    /// follows) and after it (the empty batch after them proves them acknowledged).
    @Test(arguments: [false, true])
    func damageAmongVersionOneRecordsRefusesToOpen(upgradedFirst: Bool) async throws {
        let directory = try VersionOneLog.directory()
        if upgradedFirst { await (try FileEventStore.open(directory: directory)).close() }
        let url = URL(fileURLWithPath: Self.logPath(directory))
        var bytes = try [UInt8](Data(contentsOf: url))
        bytes[700] ^= 0x20
        try Data(bytes).write(to: url)
        do {
            _ = try FileEventStore.open(directory: directory)
            Issue.record("a damaged version 1 log opened")
        } catch let error as EventStoreError {
            #expect(error.code == .damaged)
            let position = try #require(error.position)
            #expect((1...3).contains(position) && error.message.contains("position \(position)"))
        }
    }

    /// Lengths no good frame has: a batch header (with a valid checksum) claiming more bytes
    /// than any file, a record length past its batch. Each is a torn tail, cut without
    /// reading or allocating what the length claims.
    @Test(arguments: [UInt64.max, 1 << 40, 1 << 31])
    func aBatchClaimingAHugeLengthIsATornTail(length: UInt64) async throws {
        let directory = try await Self.log(batches: [1, 1])
        var frame: [UInt8] = []
        let start = BatchFrame.open(&frame)
        frame.append(contentsOf: repeatElement(0x41, count: 100))
        BatchFrame.seal(&frame, at: start, durableEnd: 0, recordHeaders: [])
        frame.replaceSubrange(4..<12, with: { var field: [UInt8] = []; BatchFrame.appendLittleEndian(length, to: &field); return field }())
        let crc = CRC32C.checksum(Array(frame[0..<BatchFrame.headerSize - 4]))
        var sealed: [UInt8] = []
        RecordFrame.appendLittleEndian(crc, to: &sealed)
        frame.replaceSubrange(BatchFrame.headerSize - 4..<BatchFrame.headerSize, with: sealed)
        let handle = try #require(FileHandle(forWritingAtPath: Self.logPath(directory)))
        handle.seekToEndOfFile()
        handle.write(Data(frame))
        try handle.close()

        let store = try FileEventStore.open(directory: directory)
        #expect(store.recovery.truncatedBytes == Int64(frame.count))
        #expect(try await store.head().position == 2)
        await store.close()
    }

    /// A torn tail followed by a long stretch: the old look-ahead read up to 256 MiB into
    /// memory at once and took anything longer for damage, refusing to open.
    @Test func aTornTailBeforeAHugeSparseStretchIsCut() async throws {
        let directory = try await Self.log(batches: [1, 1])
        let handle = try #require(FileHandle(forWritingAtPath: Self.logPath(directory)))
        let end = handle.seekToEndOfFile()
        handle.write(Data([0x13, 0x37, 0x00, 0x00, 0x55]))
        handle.seek(toFileOffset: end + 300 * 1024 * 1024)
        handle.write(Data([0x7B]))
        try handle.close()

        let store = try FileEventStore.open(directory: directory)
        #expect(store.recovery.truncatedBytes == 300 * 1024 * 1024 + 1)
        #expect(try await store.head().position == 2)
        await store.close()
    }

    /// Opening costs memory for what the log holds, not for the length of a bad stretch:
    /// the old look-ahead read everything after a torn tail (here 200 MiB of sparse file)
    /// into memory at once. Measured as the peak resident memory of `tafel verify`.
    @Test func openingATornTailBeforeALongStretchTakesLittleMemory() async throws {
        let directory = try await Self.log(batches: [1, 1])
        let handle = try #require(FileHandle(forWritingAtPath: Self.logPath(directory)))
        let end = handle.seekToEndOfFile()
        handle.write(Data([0x13, 0x37, 0x00, 0x00, 0x55]))
        handle.seek(toFileOffset: end + 200 * 1024 * 1024)
        handle.write(Data([0x7B]))
        try handle.close()

        let (status, peakKiB) = try Self.runMeasuringMemory(try TafelProcess.binary, ["verify", "--store", directory])
        #expect(status == 0)
        #expect(peakKiB < 120 * 1024, "verify peaked at \(peakKiB) KiB")
    }

    /// Runs a program to its end; its exit status and peak resident memory in KiB.
    ///
    /// The peak is the program's own `VmHWM`, read from `/proc` while it runs: the
    /// `ru_maxrss` that `wait4` reports would include this test process's memory, which a
    /// child started with `posix_spawn` (a `vfork`) shares until it runs the program. A peak
    /// is held until the program ends, so reading often enough sees it.
    static func runMeasuringMemory(_ path: String, _ arguments: [String]) throws -> (status: Int32, peakKiB: Int) {
        var pid: pid_t = 0
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let spawned = posix_spawn(&pid, path, nil, nil, argv, environ)
        guard spawned == 0 else { throw EventStoreError(.io, "cannot run \(path): \(String(cString: strerror(spawned)))") }
        var peak = 0
        var status: Int32 = 0
        while true {
            let text = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
            for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
                peak = max(peak, Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0)
            }
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid || (reaped < 0 && errno != EINTR) { break }
            usleep(2000)
        }
        return ((status >> 8) & 0xFF, peak)
    }

    /// A limit as large as `Int.max` is a page to the end, not an overflow that traps.
    @Test func readsWithTheLargestLimitReturnTheRest() async throws {
        let directory = try await Self.log(batches: [2, 2, 2])
        let store = try FileEventStore.open(directory: directory)
        #expect(try await store.read(from: 3, limit: .max).map(\.position) == [3, 4, 5, 6])
        #expect(try await store.readStream("dossier-1", from: 2, limit: .max).map(\.version) == [2])
        await store.close()
    }
}
