import Events

extension PostgresEventStore {
    /// Placeholder until the side store lands on this branch: refuses texts, never drops them.
    package func importEnvelopes(_ envelopes: [EventEnvelope], texts: [SealedText]) async throws -> LogHead {
        guard texts.isEmpty else { throw EventStoreError(.unavailable, "texts are not stored yet") }
        return try await importEnvelopes(envelopes)
    }

    /// Placeholder until the side store lands on this branch: refuses, never invents texts.
    package func texts(_ refs: [String]) async throws -> [String: SealedText] {
        throw EventStoreError(.unavailable, "texts are not stored yet")
    }

    /// Placeholder until the side store lands on this branch: refuses, never invents texts.
    package func allTexts(after ref: String?, limit: Int) async throws -> [SealedText] {
        throw EventStoreError(.unavailable, "texts are not stored yet")
    }
}
