import EventStore
import Events
import Glibc

/// `tafel verify`: recomputes the whole hash chain from position 1, so an auditor can prove
/// the log was not rewritten; with `--texts` also every free text kept beside it
/// (``TextAudit``); then the read log's own chain, when the store has read records.
enum VerifyCommand {
    static func run(_ arguments: Arguments) async throws -> Int32 {
        try arguments.requireOnly(["store", "texts"])
        let location = StoreOpener.location(arguments)
        let store = try await StoreOpener.open(location, create: false)
        defer { Task { await store.close() } }
        let report = try await ChainVerifier.verify(store)
        if let bad = report.firstBad {
            print("bad position \(bad): \(report.fault ?? "")")
            await store.close()
            return 1
        }
        print("ok \(report.checked) events head \(report.headHash)")
        if arguments.flag("texts") {
            let texts = try await TextAudit.run(store)
            if let fault = texts.fault {
                print("bad text: \(fault)")
                await store.close()
                return 1
            }
            print("ok texts \(texts.live) kept \(texts.erased) erased")
        }
        let reads = try await verifyReadLog(location)
        await store.close()
        return reads
    }

    /// Verifies the read log's chain (opened while the store holds its lock); prints a line
    /// only when there are read records, so a store that never served reads prints as before.
    static func verifyReadLog(_ location: StoreLocation) async throws -> Int32 {
        if case let .directory(path) = location, access(path + "/reads.log", F_OK) != 0 { return 0 }
        let readLog = try location.openReadLog()
        let report = try await ReadLogVerifier.verify(readLog)
        await readLog.close()
        if let bad = report.firstBad {
            print("bad read record \(bad): \(report.fault ?? "")")
            return 1
        }
        if report.checked > 0 { print("ok \(report.checked) reads head \(report.headHash)") }
        return 0
    }
}
