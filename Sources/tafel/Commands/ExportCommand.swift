import EventStore
import Events
import Glibc

/// `tafel export`: the log as NDJSON envelopes (one canonical JSON object per line), the
/// portable form that `tafel import` reads into either store with identical hashes.
///
/// Free texts (personal data) stay out of an export unless `--texts` asks for them (a
/// backup): then each live text is written on a line of its own before the first envelope
/// that refers to it (``Events/SealedText/exportJSON``). Without it the export holds only
/// digests, and can be shared with an auditor.
enum ExportCommand {
    static func run(_ arguments: Arguments) async throws -> Int32 {
        try arguments.requireOnly(["store", "from", "texts"])
        let from = Int64(try arguments.integer("from", default: 1))
        let withTexts = arguments.flag("texts")
        let store = try await StoreOpener.open(StoreOpener.location(arguments), create: false)
        var exported = 0
        var textsExported = 0
        do {
            try await store.readAll(from: from) { page in
                var texts: [String: SealedText] = [:]
                if withTexts {
                    let refs = page.flatMap { FreeText.sealed(in: $0.data).map(\.text.ref) }
                    texts = try await store.texts(refs)
                }
                var bytes: [UInt8] = []
                for envelope in page {
                    for (_, text) in FreeText.sealed(in: envelope.data) {
                        guard let sealed = texts.removeValue(forKey: text.ref) else { continue }
                        sealed.exportJSON.writeCanonical(into: &bytes)
                        bytes.append(0x0A)
                        textsExported += 1
                    }
                    envelope.json.writeCanonical(into: &bytes)
                    bytes.append(0x0A)
                }
                try StandardOutput.write(bytes)
                exported += page.count
            }
        } catch {
            await store.close()
            throw error
        }
        await store.close()
        printError("tafel: exported \(exported) events" + (withTexts ? " and \(textsExported) texts" : ""))
        return 0
    }
}

/// Whole writes to file descriptor 1, looping on short writes.
enum StandardOutput {
    static func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { buffer in
            var done = 0
            while done < buffer.count {
                let n = Glibc.write(1, buffer.baseAddress! + done, buffer.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw CLIError("writing to stdout failed: \(String(cString: strerror(errno)))")
                }
                done += n
            }
        }
    }
}
