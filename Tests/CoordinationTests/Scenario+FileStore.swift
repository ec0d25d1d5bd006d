import EventStore
import Events
import Foundation

extension Scenario {
    /// The scenario's log chained and imported into a fresh file store in a temporary
    /// directory (which the caller removes): for tests that read it through a real store,
    /// a service or a historical replay. Texts are not imported; a sealed text reads as
    /// unavailable unless the test writes it through the service.
    func importedIntoFileStore(_ prefix: String = "tafel-scenario") async throws -> (store: FileEventStore, directory: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
        let store = try FileEventStore.open(directory: directory, create: true)
        var previous = HashChain.genesis
        let sealed = log.map { envelope in
            var copy = envelope
            previous = HashChain.seal(&copy, after: previous).hash
            return copy
        }
        _ = try await store.importEnvelopes(sealed)
        return (store, directory)
    }
}
