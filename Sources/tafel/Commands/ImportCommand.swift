import EventStore
import Events
import Glibc

/// `tafel import`: appends NDJSON envelopes from stdin exactly as they are, so a log moves
/// between stores with the same hashes.
///
/// All or nothing: a first pass reads every line, decodes its body with the event
/// catalogue and checks that it continues the target's chain and its stream, and only then
/// are the envelopes imported. A log whose body no projection can read (a crafted one
/// included) is refused naming its first bad envelope, rather than stored and then
/// refused, or worse, at every start. The lines wait in an unlinked temporary file between
/// the passes, so a log of any size streams through without being held in memory.
///
/// Lines of free text (from `tafel export --texts`) are accepted before the envelopes that
/// refer to them; each must match the digest its envelope holds, and is written with that
/// envelope's batch. An export without texts imports as a log whose texts are unavailable.
enum ImportCommand {
    static let batchSize = 1000

    static func run(_ arguments: Arguments) async throws -> Int32 {
        try arguments.requireOnly(["store"])
        let store = try await StoreOpener.open(StoreOpener.location(arguments), create: true)
        do {
            let spool = try Spool()
            defer { spool.close() }
            var check = ImportCheck(after: try await store.head())
            var lines = StandardInput()
            var lineNumber = 0
            while let line = try lines.next() {
                lineNumber += 1
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) { continue }
                do {
                    if let text = try Self.text(line) {
                        try check.accept(text)
                    } else {
                        let envelope = try EventEnvelope.decode(line)
                        try await check.accept(envelope) { try await store.streamVersion($0) }
                    }
                } catch {
                    throw CLIError("refused: line \(lineNumber): \(error); nothing was imported")
                }
                try spool.write(line)
            }
            do {
                try check.finish()
            } catch {
                throw CLIError("refused: \(error); nothing was imported")
            }
            var batch: [EventEnvelope] = []
            var batchTexts: [SealedText] = []
            var waiting: [String: SealedText] = [:]
            var head = try await store.head()
            var spooled = try spool.lines()
            while let line = try spooled.next() {
                if let text = try Self.text(line) {
                    waiting[text.ref] = text
                    continue
                }
                let envelope = try EventEnvelope.decode(line)
                for (_, text) in FreeText.sealed(in: envelope.data) {
                    if let sealed = waiting.removeValue(forKey: text.ref) { batchTexts.append(sealed) }
                }
                batch.append(envelope)
                if batch.count == batchSize {
                    head = try await store.importEnvelopes(batch, texts: batchTexts)
                    batch.removeAll(keepingCapacity: true)
                    batchTexts.removeAll(keepingCapacity: true)
                }
            }
            if !batch.isEmpty { head = try await store.importEnvelopes(batch, texts: batchTexts) }
            printError("tafel: imported \(check.count) events and \(check.textCount) texts; head \(head.position) \(head.hash)")
        } catch let error as EventStoreError where error.code == .chainMismatch {
            await store.close()
            throw CLIError("refused: \(error.message)")
        } catch {
            await store.close()
            throw error
        }
        await store.close()
        return 0
    }
}

extension ImportCommand {
    /// The text a line of `tafel export --texts` holds, or `nil` for an envelope line.
    static func text(_ line: [UInt8]) throws -> SealedText? {
        guard line.starts(with: Array(#"{"text":"#.utf8)) else { return nil }
        return try SealedText(exportJSON: try JSONParser.parse(line))
    }
}

/// Lines of standard input, read in 1 MiB blocks, so that a log of any size streams
/// through `tafel import` without being held in memory whole.
struct StandardInput {
    /// The descriptor read: standard input, or a spooled copy of it.
    var descriptor: Int32 = 0
    var buffer: [UInt8] = []
    var start = 0
    var finished = false

    /// The next line without its newline, or `nil` at the end of input.
    mutating func next() throws -> [UInt8]? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                let line = Array(buffer[start..<newline])
                start = newline + 1
                return line
            }
            if finished {
                guard start < buffer.count else { return nil }
                let line = Array(buffer[start...])
                start = buffer.count
                return line
            }
            buffer.removeFirst(start)
            start = 0
            var chunk = [UInt8](repeating: 0, count: 1 << 20)
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw CLIError("reading stdin failed: \(String(cString: strerror(errno)))")
            }
            if count == 0 { finished = true } else { buffer.append(contentsOf: chunk[0..<count]) }
        }
    }
}
