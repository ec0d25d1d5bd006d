import EventStore
import Events

/// `tafel verify`: recomputes the whole hash chain from position 1, so an auditor can prove
/// the log was not rewritten; with `--texts` also every free text kept beside it
/// (``TextAudit``).
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
        await store.close()
        return 0
    }
}
