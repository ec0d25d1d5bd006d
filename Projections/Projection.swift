import Events

/// A read model fed by the log, in log order.
///
/// Queries read only projections. Each one folds envelopes one at a time, knows the last
/// position it has seen, and can be rebuilt from position 0 into exactly the state the
/// live, incremental path reached; "as of position P" is a fresh copy fed up to P.
package protocol Projection: Sendable {
    /// The last position applied; 0 before any event.
    var position: Int64 { get }

    /// Folds one envelope; envelopes arrive in log order, each exactly once.
    mutating func apply(_ envelope: EventEnvelope)
}

extension Projection {
    /// Feeds `envelopes` in order.
    package mutating func apply(_ envelopes: some Sequence<EventEnvelope>) {
        for envelope in envelopes { apply(envelope) }
    }
}
