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
            for line in StandardInput.lines() {
                lineNumber += 1
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) { continue }
                let envelope: EventEnvelope
                do {
                    envelope = try EventEnvelope(json: try JSONParser.parse(line))
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

/// Lines of standard input as byte arrays, read in large blocks.
enum StandardInput {
    static func lines() -> [[UInt8]] {
        var all: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            all.append(contentsOf: chunk[0..<n])
        }
        return all.split(separator: 0x0A, omittingEmptySubsequences: true).map(Array.init)
    }
}
