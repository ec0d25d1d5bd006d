import EventStore
import Events
import Projections

/// The texts `tafel replay` shows: as they are now, like every as-of answer of the
/// server. Every erasure in the whole log (also after the replayed moment) is applied, and
/// the live texts the replayed model refers to are read from the store, a thousand per call.
enum ReplayTexts {
    static let batch = 1000

    /// A vault for `model`; when the store cannot give its texts, one that shows only
    /// inline (version 1) texts and erasures, with a warning on stderr.
    static func load(for model: CoordinationModel, from store: any EventStore) async throws -> TextVault {
        let vault = TextVault()
        var position: Int64 = 1
        while true {
            let page = try await store.read(from: position, limit: 2000)
            guard let last = page.last else { break }
            for envelope in page { vault.apply(envelope) }
            position = last.position + 1
        }
        let sealed = model.freeTexts.values.filter { $0.text.isSealed && !model.erasedTexts.contains($0.ref) }
            .sorted { $0.ref < $1.ref }
        var start = 0
        while start < sealed.count {
            let chunk = sealed[start..<min(start + batch, sealed.count)]
            let wanted = Dictionary(chunk.map { ($0.ref, $0.text) }, uniquingKeysWith: { first, _ in first })
            do {
                let refused = vault.accept(try await store.texts(chunk.map(\.ref)), for: wanted)
                if !refused.isEmpty { printError("tafel replay: \(refused.count) texts do not match their digests and are not shown") }
            } catch {
                printError("tafel replay: the store's texts cannot be read (\(error)); sealed texts show as null")
                break
            }
            start += batch
        }
        return vault
    }
}
