import Events
import Synchronization

/// The free texts one process shows, kept in memory beside its model: what every view and
/// every as-of answer reads texts through (a ``TextReader``).
///
/// Texts are not part of the model's history: the log holds only references and digests
/// (``Events/FreeText``), and an erasure must reach every answer at once, also answers
/// about moments before it. So the vault holds, by reference, each live text and each
/// erasure (`at`, `reason`, from `PersonalDataErased`), as they are now. A service puts in
/// the texts of its own appends directly and fetches the ones other processes wrote from
/// the store, one `texts(_:)` call per page of events it catches up on; a text the store
/// could not give (it failed) stays ``missing`` and is asked for again. Inline (schema
/// version 1) texts are read from the body, unless an erasure hides them.
///
/// A class with a lock rather than actor state: views read it synchronously while they
/// render, and the replay tool uses it without a service.
package final class TextVault: TextReader, Sendable {
    struct Erasure: Sendable {
        var at: Timestamp
        var reason: String
    }

    struct State: Sendable {
        var live: [String: String] = [:]
        var erased: [String: Erasure] = [:]
        /// Texts the store failed to give, with what the log says they are.
        var missing: [String: FreeText] = [:]
    }

    let state = Mutex(State())

    package init() {}

    package func reading(_ text: FreeText) -> TextReading {
        state.withLock { state in
            if let erasure = state.erased[text.ref] { return .erased(at: erasure.at, reason: erasure.reason) }
            if let inline = text.inline { return .live(inline) }
            if let live = state.live[text.ref] { return .live(live) }
            return .unavailable
        }
    }

    /// Takes in texts this process sealed itself (before its append, so the answer after it
    /// already shows them). A text erased meanwhile stays erased.
    package func put(_ texts: [SealedText]) {
        state.withLock { state in
            for text in texts where state.erased[text.ref] == nil {
                state.live[text.ref] = text.text
                state.missing[text.ref] = nil
            }
        }
    }

    /// Drops texts ``put(_:)`` took in for an append that failed: no event refers to them.
    package func forget(_ refs: [String]) {
        state.withLock { state in
            for ref in refs { state.live[ref] = nil }
        }
    }

    /// Texts ``put(_:)`` took in for an append whose outcome is unknown: they are asked of
    /// the store at the next fetch, which holds them exactly when the append landed.
    package func recheck(_ texts: [SealedText]) {
        state.withLock { state in
            for text in texts where state.erased[text.ref] == nil {
                state.live[text.ref] = nil
                state.missing[text.ref] = text.freeText
            }
        }
    }

    /// Applies what one event says about texts: an erasure removes them and records when and
    /// why. Run for every event in log order.
    package func apply(_ envelope: EventEnvelope) {
        guard envelope.type == PersonalDataErased.eventType, let erased = try? PersonalDataErased(data: envelope.data) else { return }
        state.withLock { state in
            for ref in erased.refs {
                state.live[ref] = nil
                state.missing[ref] = nil
                if state.erased[ref] == nil { state.erased[ref] = Erasure(at: envelope.recordedAt, reason: erased.reason) }
            }
        }
    }

    /// The sealed texts of `envelopes` this vault does not hold yet, with the texts still
    /// missing from an earlier failed fetch: what to ask the store for.
    package func wanted(for envelopes: [EventEnvelope]) -> [String: FreeText] {
        state.withLock { state in
            var wanted = state.missing
            for envelope in envelopes {
                for (_, text) in FreeTextFields.texts(of: envelope) where text.isSealed {
                    if state.live[text.ref] == nil, state.erased[text.ref] == nil { wanted[text.ref] = text }
                }
            }
            return wanted
        }
    }

    /// Takes in what the store gave for `wanted`: a text whose digest does not match the
    /// log's is refused (and returned), so a damaged side store never shows another text
    /// than the one the chain vouches for. A text the store does not hold was erased (its
    /// erasure event follows) and is not asked for again.
    @discardableResult
    package func accept(_ found: [String: SealedText], for wanted: [String: FreeText]) -> [String] {
        state.withLock { state in
            var refused: [String] = []
            for (ref, expected) in wanted {
                state.missing[ref] = nil
                guard let text = found[ref] else { continue }
                guard text.matches(expected) else {
                    refused.append(ref)
                    continue
                }
                if state.erased[ref] == nil { state.live[ref] = text.text }
            }
            return refused.sorted()
        }
    }

    /// Remembers texts the store failed to give, to ask for them again.
    package func miss(_ wanted: [String: FreeText]) {
        state.withLock { state in
            for (ref, text) in wanted where state.live[ref] == nil && state.erased[ref] == nil { state.missing[ref] = text }
        }
    }

    /// Whether a fetch failed and its texts are still to be asked for.
    package var isMissingTexts: Bool { state.withLock { !$0.missing.isEmpty } }
}
