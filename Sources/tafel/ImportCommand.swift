import EventStore
import Events
import Glibc

/// `tafel import`: appends NDJSON envelopes from stdin exactly as they are, refusing the
/// first one that does not continue the target's chain, so a log moves between stores
/// with the same hashes.
enum ImportCommand {
    static let batchSize = 1000

    static func run(_ arguments: Arguments) async throws -> Int32 {
        try arguments.requireOnly(["store"])
        let store = try await StoreOpener.open(StoreOpener.location(arguments), create: true)
        do {
            var batch: [EventEnvelope] = []
            var lineNumber = 0
            var imported = 0
            var head = try await store.head()
            var lines = StandardInput()
            while let line = try lines.next() {
                lineNumber += 1
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) { continue }
                let envelope: EventEnvelope
                do {
                    envelope = try EventEnvelope.decode(line)
                } catch {
                    throw CLIError("line \(lineNumber): \(error); nothing after position \(head.position) was imported")
                }
                batch.append(envelope)
                if batch.count == batchSize {
                    head = try await store.importEnvelopes(batch)
                    imported += batch.count
                    batch.removeAll(keepingCapacity: true)
                }
            }
            if !batch.isEmpty {
                head = try await store.importEnvelopes(batch)
                imported += batch.count
            }
            printError("tafel: imported \(imported) events; head \(head.position) \(head.hash)")
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

/// Lines of standard input, read in 1 MiB blocks, so that a log of any size streams
/// through `tafel import` without being held in memory whole.
struct StandardInput {
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
            let count = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw CLIError("reading stdin failed: \(String(cString: strerror(errno)))")
            }
            if count == 0 { finished = true } else { buffer.append(contentsOf: chunk[0..<count]) }
        }
    }
}
