import EventStore
import Events
import Foundation
import Testing
import TestSupport

/// What only the embedded file store has: the lock, the framed log, recovery on open.
@Suite struct FileStoreTests {
    static func logPath(_ directory: String) -> String { directory + "/events.log" }

    static func filled(_ events: Int) async throws -> String {
        let directory = try TemporaryDirectory.make()
        let store = try FileEventStore.open(directory: directory)
        for index in 0..<events { _ = try await store.append(Sample.request("dossier-\(index % 3)")) }
        await store.close()
        return directory
    }

    /// Adds `bytes` after the end of a closed store's log, as a crash or a disk would.
    static func appendToLog(_ directory: String, _ bytes: Data) throws {
        let handle = try #require(FileHandle(forWritingAtPath: logPath(directory)))
        handle.seekToEndOfFile()
        handle.write(bytes)
        try handle.close()
    }

    @Test func aSecondOpenerIsToldWhoHoldsTheLock() async throws {
        let directory = try TemporaryDirectory.make()
        let store = try FileEventStore.open(directory: directory)
        do {
            _ = try FileEventStore.open(directory: directory)
            Issue.record("a second open succeeded")
        } catch let error as EventStoreError {
            #expect(error.code == .locked)
            #expect(error.message.contains("pid \(ProcessInfo.processInfo.processIdentifier)"))
        }
        await store.close()
        let again = try FileEventStore.open(directory: directory)
        await again.close()
    }

    @Test func aTornTailIsCutOffAndReported() async throws {
        let directory = try await Self.filled(10)
        // The start of a frame whose payload never made it to disk.
        try Self.appendToLog(directory, Data([0x40, 0x02, 0, 0, 0x11, 0x22, 0x33, 0x44]) + Data(repeating: 0x7B, count: 100))
        let store = try FileEventStore.open(directory: directory)
        #expect(store.recovery.truncatedBytes == 108)
        #expect(try await store.head().position == 10)
        #expect(try await store.append(Sample.request("dossier-x")).positions == [11])
        #expect(try await ChainVerifier.verify(store).ok)
        await store.close()
    }

    @Test func zerosAfterTheLastRecordAreReservedSpaceNotATornTail() async throws {
        let directory = try await Self.filled(4)
        try Self.appendToLog(directory, Data(repeating: 0, count: 4096))
        let store = try FileEventStore.open(directory: directory)
        #expect(store.recovery.truncatedBytes == 0)
        #expect(try await store.head().position == 4)
        #expect(try await store.append(Sample.request("dossier-x")).positions == [5])
        #expect(try await ChainVerifier.verify(store).ok)
        await store.close()
    }

    @Test func garbageAmongTheZerosAfterTheLastRecordIsATornTail() async throws {
        let directory = try await Self.filled(4)
        try Self.appendToLog(directory, Data(repeating: 0, count: 4096) + Data([0x7B]) + Data(repeating: 0, count: 100))
        let store = try FileEventStore.open(directory: directory)
        #expect(store.recovery.truncatedBytes == 4197)
        #expect(try await store.head().position == 4)
        await store.close()
    }

    @Test func aRunningStoreReservesSpaceAheadAndACleanCloseGivesItBack() async throws {
        let directory = try TemporaryDirectory.make()
        let path = Self.logPath(directory)
        let store = try FileEventStore.open(directory: directory)
        for index in 0..<5 { _ = try await store.append(Sample.request("dossier-\(index)")) }
        let running = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
        #expect(running >= Int(FileEventStore.defaultReserveChunk))
        await store.close()
        let closed = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
        #expect(closed < 5 * 2048, "closed at \(closed) bytes")
        let reopened = try FileEventStore.open(directory: directory)
        #expect(try await reopened.head().position == 5)
        await reopened.close()
    }

    /// The reserver zeroes stretches of the file while the writer writes just below them:
    /// with a small stretch, many concurrent appends cross many of them, and none may be
    /// overwritten by zeros.
    @Test func appendsThatCrossManyReservedStretchesAllSurviveAReopen() async throws {
        let directory = try TemporaryDirectory.make()
        let chunk: Int64 = 16 * 1024
        let store = try FileEventStore.open(directory: directory, reserveChunk: chunk)
        let acknowledged = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for writer in 0..<16 {
                group.addTask {
                    var positions: [Int64] = []
                    for _ in 0..<25 { positions += try await store.append(Sample.request("dossier-\(writer)", 2)).positions }
                    return positions
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(acknowledged.sorted() == Array(1...800))
        let running = try FileManager.default.attributesOfItem(atPath: Self.logPath(directory))[.size] as? Int ?? 0
        #expect(Int64(running) > 20 * chunk, "the file grew to \(running) bytes, not by stretches")
        await store.close()
        let reopened = try FileEventStore.open(directory: directory, reserveChunk: chunk)
        #expect(reopened.recovery.truncatedBytes == 0)
        #expect(try await reopened.head().position == 800)
        #expect(try await ChainVerifier.verify(reopened).ok)
        await reopened.close()
    }

    @Test(arguments: [300, 2000])
    func aDamagedRecordInTheMiddleRefusesToOpenAndNamesItsPosition(byteOffset: Int) async throws {
        let directory = try await Self.filled(20)
        let path = Self.logPath(directory)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[byteOffset] ^= 0x20
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        do {
            _ = try FileEventStore.open(directory: directory)
            Issue.record("a damaged log opened")
        } catch let error as EventStoreError {
            #expect(error.code == .damaged)
            let position = try #require(error.position)
            #expect(position >= 1 && position < 20)
            #expect(error.message.contains("position \(position)"))
        }
        let after = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let unchanged = after == bytes
        #expect(unchanged, "refusing to open must not repair anything")
    }

    @Test func aMissingStoreIsNotCreatedWhenOnlyReading() throws {
        let directory = try TemporaryDirectory.make()
        #expect(throws: EventStoreError.self) { try FileEventStore.open(directory: directory, create: false) }
        #expect(!FileManager.default.fileExists(atPath: directory))
        #expect(throws: EventStoreError.self) { try FileEventStore.open(directory: directory + "/no/such/parent") }
    }

    @Test func aFileThatIsNotALogIsRefused() throws {
        let directory = try TemporaryDirectory.make()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data("hello, this is not a log at all".utf8).write(to: URL(fileURLWithPath: Self.logPath(directory)))
        #expect(throws: EventStoreError.self) { try FileEventStore.open(directory: directory) }
    }
}

/// A full disk: the append that does not fit fails with a clear error, nothing half-written
/// remains, and the store reopens with exactly the acknowledged events.
@Suite(.serialized) struct FullDiskTests {
    @Test func anAppendThatDoesNotFitFailsCleanlyAndTheStoreReopens() async throws {
        let mountPoint = try TemporaryDirectory.make()
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        let status = try TafelProcess.spawnAndWait("/bin/mount", ["-t", "tmpfs", "-o", "size=128k", "tmpfs", mountPoint])
        try #require(status == 0, "mounting a small tmpfs needs root, as CI runs")
        defer { _ = try? TafelProcess.spawnAndWait("/bin/umount", [mountPoint]) }
        let directory = mountPoint + "/store"
        let store = try FileEventStore.open(directory: directory)
        var acknowledged: Int64 = 0
        var failure: EventStoreError?
        let note = String(repeating: "vol ", count: 500)
        for _ in 0..<400 {
            do {
                acknowledged = try await store.append(Sample.request("dossier-full", 1).withNote(note)).positions.last!
            } catch let error as EventStoreError {
                failure = error
                break
            }
        }
        let error = try #require(failure, "128 KiB never filled up")
        #expect(error.code == .io)
        #expect(error.message.contains("No space left on device"), "\(error.message)")
        #expect(try await store.head().position == acknowledged)
        await store.close()
        let reopened = try FileEventStore.open(directory: directory)
        #expect(reopened.recovery.truncatedBytes == 0, "a failed write must be cut before it is acknowledged or read")
        #expect(try await reopened.head().position == acknowledged)
        #expect(try await ChainVerifier.verify(reopened).ok)
        await reopened.close()
    }
}

extension AppendRequest {
    func withNote(_ note: String) -> AppendRequest {
        var copy = self
        copy.events = copy.events.map { _ in Sample.event(note) }
        return copy
    }
}
