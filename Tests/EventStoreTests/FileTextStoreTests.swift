import EventStore
import Events
import Foundation
import Testing
import TestSupport

/// What only the file store's texts file (`texts.log`) has to show: erased texts leave no
/// byte in any file of the store, texts of events that never landed are dropped, erase
/// intents are finished or dropped on open, a torn last write is cut, disk faults stop
/// writing, and backups carry the texts.
@Suite struct FileTextStoreTests {
    static func text(_ ref: String, _ words: String) -> SealedText {
        SealedText(ref: ref, salt: [UInt8](repeating: 3, count: SealedText.saltBytes), text: words)
    }

    static func request(_ stream: String, texts: [SealedText], erasing: [String] = [], requestId: String? = nil) -> AppendRequest {
        var request = TextStoreConformanceTests.request(stream, texts: texts, erasing: erasing)
        request.requestId = requestId
        return request
    }

    static func texts(_ directory: String) -> String { directory + "/texts.log" }

    static func bytes(_ path: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// The files of the store directory that hold `needle` anywhere in their bytes.
    static func filesHolding(_ needle: String, in directory: String) throws -> [String] {
        let pattern = Data(needle.utf8)
        return try FileManager.default.contentsOfDirectory(atPath: directory).sorted().filter { name in
            try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)).range(of: pattern) != nil
        }
    }

    static func fileSize(_ path: String) throws -> Int {
        try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
    }

    static func truncate(_ path: String, to size: Int) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: UInt64(size))
        try handle.close()
    }

    @Test func anErasedTextIsInNoFileOfTheStoreOnceTheErasureIsAcknowledged() async throws {
        let directory = try TemporaryDirectory.make()
        let store = try FileEventStore.open(directory: directory)
        let secret = "Mevrouw Kuipers-Brandsma, Tongersestraat 41"
        _ = try await store.append(Self.request("dossier-a", texts: [Self.text("t-a", secret), Self.text("t-b", "kept text")]))
        #expect(try Self.filesHolding(secret, in: directory) == ["texts.log"])
        _ = try await store.append(Self.request("privacy", texts: [], erasing: ["t-a"]))
        #expect(try Self.filesHolding(secret, in: directory).isEmpty)
        #expect(try Self.filesHolding("kept text", in: directory) == ["texts.log"])
        await store.close()
        let reopened = try FileEventStore.open(directory: directory)
        #expect(try await reopened.texts(["t-a", "t-b"]).keys.sorted() == ["t-b"])
        await reopened.close()
        #expect(try Self.filesHolding(secret, in: directory).isEmpty)
    }

    @Test func appendsWithoutTextsLeaveTheTextsFileAlone() async throws {
        let directory = try TemporaryDirectory.make()
        let store = try FileEventStore.open(directory: directory)
        let before = try Self.bytes(Self.texts(directory))
        _ = try await store.append(Sample.request("dossier-a", 3))
        #expect(try Self.bytes(Self.texts(directory)) == before)
        _ = try await store.append(Self.request("dossier-a", texts: [Self.text("t-a", "a text")]))
        #expect(try Self.bytes(Self.texts(directory)).count > before.count)
        await store.close()
    }

    @Test func textsWhoseEventsNeverLandedAreDroppedOnOpen() async throws {
        let directory = try TemporaryDirectory.make()
        let store = try FileEventStore.open(directory: directory)
        _ = try await store.append(Self.request("dossier-a", texts: [Self.text("t-a", "landed text")]))
        await store.close()
        let landedEnd = try Self.fileSize(directory + "/events.log")
        let again = try FileEventStore.open(directory: directory)
        _ = try await again.append(Self.request("dossier-b", texts: [Self.text("t-b", "orphaned text")]))
        await again.close()
        // As if the power went after the texts were flushed and before the batch reached the log.
        try Self.truncate(directory + "/events.log", to: landedEnd)

        let reopened = try FileEventStore.open(directory: directory)
        #expect(try await reopened.head().position == 1)
        #expect(reopened.recovery.droppedTexts == 1)
        #expect(try await reopened.allTexts(after: nil, limit: 10).map(\.ref) == ["t-a"])
        #expect(try Self.filesHolding("orphaned text", in: directory).isEmpty)
        // The next append takes position 2 again, with its own text only.
        _ = try await reopened.append(Self.request("dossier-c", texts: [Self.text("t-c", "new text")]))
        await reopened.close()
        let last = try FileEventStore.open(directory: directory)
        #expect(last.recovery.droppedTexts == 0)
        #expect(try await last.allTexts(after: nil, limit: 10).map(\.ref) == ["t-a", "t-c"])
        await last.close()
    }

    @Test func anErasureWhoseRewriteFailedIsFinishedWhenTheStoreIsReopened() async throws {
        let directory = try TemporaryDirectory.make()
        let store = try FileEventStore.open(directory: directory)
        let secret = "Meneer Claessens, Wycker Brugstraat 7"
        _ = try await store.append(Self.request("dossier-a", texts: [Self.text("t-a", secret)]))
        store.failNextErasure()
        let erasing = Self.request("privacy", texts: [], erasing: ["t-a"], requestId: "erase-1")
        do {
            _ = try await store.append(erasing)
            Issue.record("an erasure whose rewrite failed was acknowledged")
        } catch let error as EventStoreError {
            #expect(error.code == .outcomeUnknown, "\(error)")
        }
        #expect(await store.writeRefusal() != nil)
        #expect(try await store.texts(["t-a"]).isEmpty, "readers never get a text whose erasure landed")
        await store.close()
        #expect(try Self.filesHolding(secret, in: directory) == ["texts.log"])

        let reopened = try FileEventStore.open(directory: directory)
        #expect(reopened.recovery.appliedErasures == 1)
        #expect(try await reopened.head().position == 2)
        #expect(try await reopened.texts(["t-a"]).isEmpty)
        #expect(try Self.filesHolding(secret, in: directory).isEmpty)
        #expect(try await reopened.append(erasing).positions == [2], "the retry finds the landed erasure")
        await reopened.close()
    }

    @Test func anErasureWhoseEventNeverLandedErasesNothing() async throws {
        let directory = try TemporaryDirectory.make()
        let store = try FileEventStore.open(directory: directory)
        let a = Self.text("t-a", "still needed")
        _ = try await store.append(Self.request("dossier-a", texts: [a]))
        // The intent is flushed, then the log write stops part-way and cannot be cut back.
        store.failNextWrite(keeping: 10)
        do {
            _ = try await store.append(Self.request("privacy", texts: [], erasing: ["t-a"]))
            Issue.record("an erasure whose write failed was acknowledged")
        } catch let error as EventStoreError {
            #expect(error.code == .io, "\(error)")
        }
        #expect(try await store.texts(["t-a"]) == ["t-a": a])
        await store.close()

        let reopened = try FileEventStore.open(directory: directory)
        #expect(try await reopened.head().position == 1)
        #expect(reopened.recovery.droppedTexts == 1, "the intent is dropped")
        #expect(reopened.recovery.appliedErasures == 0)
        #expect(try await reopened.texts(["t-a"]) == ["t-a": a])
        await reopened.close()
    }

    @Test func aTornLastWriteOfTheTextsFileIsCut() async throws {
        let directory = try TemporaryDirectory.make()
        let store = try FileEventStore.open(directory: directory)
        let a = Self.text("t-a", "whole text")
        _ = try await store.append(Self.request("dossier-a", texts: [a]))
        await store.close()
        let whole = try Self.bytes(Self.texts(directory))
        // The start of a second write, as a crash leaves it: a record header and part of its payload.
        let torn: [UInt8] = [0xFE, 0x54, 0x58, 0xFF, 200, 0, 0, 0, 1, 2, 3, 4, 1, 0, 0]
        try Data(whole + torn).write(to: URL(fileURLWithPath: Self.texts(directory)))

        let reopened = try FileEventStore.open(directory: directory)
        #expect(reopened.recovery.textsTruncatedBytes == Int64(torn.count))
        #expect(try Self.bytes(Self.texts(directory)) == whole)
        #expect(try await reopened.texts(["t-a"]) == ["t-a": a])
        _ = try await reopened.append(Self.request("dossier-b", texts: [Self.text("t-b", "after the cut")]))
        await reopened.close()
        let last = try FileEventStore.open(directory: directory)
        #expect(try await last.allTexts(after: nil, limit: 10).map(\.ref) == ["t-a", "t-b"])
        await last.close()
    }

    @Test func damageUnderAFlushedWriteRefusesToOpen() async throws {
        let directory = try TemporaryDirectory.make()
        let store = try FileEventStore.open(directory: directory)
        _ = try await store.append(Self.request("dossier-a", texts: [Self.text("t-a", "first text")]))
        _ = try await store.append(Self.request("dossier-b", texts: [Self.text("t-b", "second text")]))
        await store.close()
        var bytes = try Self.bytes(Self.texts(directory))
        let first = try #require(Self.offset(of: "first text", in: bytes))
        bytes[first] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: Self.texts(directory)))
        do {
            _ = try FileEventStore.open(directory: directory)
            Issue.record("opened a texts file damaged under flushed texts")
        } catch let error as EventStoreError {
            #expect(error.code == .damaged, "\(error)")
        }
        #expect(try Self.bytes(Self.texts(directory)) == bytes, "a refused open changes nothing")
    }

    static func offset(of needle: String, in bytes: [UInt8]) -> Int? {
        let pattern = Array(needle.utf8)
        return (0...(bytes.count - pattern.count)).first { bytes[$0..<$0 + pattern.count].elementsEqual(pattern) }
    }

    @Test func aFailedTextsFlushAppendsNothingAndStopsWritesUntilReopened() async throws {
        let directory = try TemporaryDirectory.make()
        let store = try FileEventStore.open(directory: directory)
        _ = try await store.append(Sample.request("dossier-a"))
        store.failNextTextsFlush()
        let request = Self.request("dossier-b", texts: [Self.text("t-b", "unflushed text")], requestId: "request-b")
        do {
            _ = try await store.append(request)
            Issue.record("an append whose texts were not flushed succeeded")
        } catch let error as EventStoreError {
            #expect(error.code == .io, "\(error)")
        }
        #expect(await store.writeRefusal()?.code == .unavailable)
        do {
            _ = try await store.append(Sample.request("dossier-c"))
            Issue.record("a store whose texts flush failed went on writing")
        } catch let error as EventStoreError {
            #expect(error.code == .unavailable, "\(error)")
        }
        #expect(try await store.head().position == 1)
        #expect(try await store.texts(["t-b"]).isEmpty)
        await store.close()

        let reopened = try FileEventStore.open(directory: directory)
        #expect(try await reopened.head().position == 1)
        #expect(reopened.recovery.droppedTexts == 1)
        #expect(try await reopened.append(request).positions == [2])
        #expect(try await reopened.texts(["t-b"]).keys.sorted() == ["t-b"])
        await reopened.close()
    }

    @Test func aRewriteCutShortBeforeItsRenameIsRemovedOnOpen() async throws {
        let directory = try TemporaryDirectory.make()
        let store = try FileEventStore.open(directory: directory)
        _ = try await store.append(Self.request("dossier-a", texts: [Self.text("t-a", "a text")]))
        await store.close()
        try Data("TAFEL-TEXTS v1\n\0half".utf8).write(to: URL(fileURLWithPath: directory + "/texts.log.compact"))
        let reopened = try FileEventStore.open(directory: directory)
        #expect(!FileManager.default.fileExists(atPath: directory + "/texts.log.compact"))
        #expect(try await reopened.texts(["t-a"]).keys.sorted() == ["t-a"])
        await reopened.close()
    }

    @Test func aBackupCarriesTheLiveTextsAndNotTheErasedOnes() async throws {
        let directory = try TemporaryDirectory.make()
        let store = try FileEventStore.open(directory: directory)
        let kept = Self.text("t-kept", "kept for the backup")
        _ = try await store.append(Self.request("dossier-a", texts: [kept, Self.text("t-gone", "erased before the backup")]))
        _ = try await store.append(Self.request("privacy", texts: [], erasing: ["t-gone"]))
        let target = try TemporaryDirectory.make()
        let copied = try FileEventStore.copyLog(from: directory, to: target)
        #expect(copied.events == 3)
        await store.close()
        #expect(try Self.filesHolding("erased before the backup", in: target).isEmpty)
        let backup = try FileEventStore.open(directory: target)
        #expect(try await backup.allTexts(after: nil, limit: 10) == [kept])
        #expect(try await ChainVerifier.verify(backup).ok)
        await backup.close()
    }
}

extension FileTextStoreTests {
    @Test func opsBackupAndRestoreOfAFileStoreCarryTheTexts() async throws {
        let directory = try TemporaryDirectory.make()
        let store = try FileEventStore.open(directory: directory)
        let texts = [Self.text("t-a", "first text"), Self.text("t-b", "second text")]
        _ = try await store.append(Self.request("dossier-a", texts: texts))
        await store.close()
        let backup = directory + ".backup"
        let copied = try OperationsScriptsTests.script("ops/backup.sh", ["file", directory, backup])
        #expect(copied.status == 0, "\(copied.output)")
        let restored = try OperationsScriptsTests.script("ops/restore.sh", ["file", backup, directory + ".restored"])
        #expect(restored.status == 0, "\(restored.output)")
        let reopened = try FileEventStore.open(directory: directory + ".restored")
        #expect(try await reopened.allTexts(after: nil, limit: 10) == texts)
        await reopened.close()
    }
}

extension FileTextStoreTests {
    /// `tafel verify --texts`, `export --texts` and `import` on a file store that erased a text.
    @Test func verifyExportAndImportCarryTheLiveTextsOfAFileStore() async throws {
        let directory = try TemporaryDirectory.make()
        let store = try FileEventStore.open(directory: directory)
        let (kept, erased) = (Self.text("t-kept", "kept text"), Self.text("t-erased", "erased text"))
        _ = try await store.append(Self.request("dossier-a", texts: [kept, erased]))
        let erasure = PersonalDataErased(refs: ["t-erased"], reason: "verzoek van betrokkene")
        _ = try await store.append(
            AppendRequest(stream: erasure.stream, events: [ProposedEvent(erasure)], actor: Sample.actor, erasing: erasure.refs))
        await store.close()

        let verified = try TafelProcess.run(["verify", "--store", directory, "--texts"])
        #expect(verified.status == 0, "\(verified.stdout) \(verified.stderr)")
        let exported = try TafelProcess.run(["export", "--store", directory, "--texts"])
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(!exported.stdout.contains("erased text"))
        let target = try TemporaryDirectory.make()
        let imported = try TafelProcess.run(["import", "--store", target], input: Data(exported.stdout.utf8))
        #expect(imported.status == 0, "\(imported.stderr)")
        let reverified = try TafelProcess.run(["verify", "--store", target, "--texts"])
        #expect(reverified.status == 0, "\(reverified.stdout) \(reverified.stderr)")
        let copy = try FileEventStore.open(directory: target)
        #expect(try await copy.allTexts(after: nil, limit: 10) == [kept])
        await copy.close()
    }
}
