import Projections

/// The streams a decision read besides its own, at the versions it read them: the store
/// refuses the append as a conflict if any of them moved meanwhile (a dossier closed while
/// an agenda item for it was decided, a member removed while an assignment was), so a rule
/// that spans two streams holds under concurrency too.
///
/// A class so that the deciders' lookups, which are not `mutating`, can note what they read.
final class StreamReads {
    private(set) var versions: [String: Int64] = [:]
    let model: CoordinationModel

    init(model: CoordinationModel) {
        self.model = model
    }

    func note(_ stream: String) {
        versions[stream] = model.version(of: stream)
    }

    /// The conditions for an append to `stream`: every stream read except that one.
    func conditions(appendingTo stream: String) -> [String: Int64] {
        var conditions = versions
        conditions[stream] = nil
        return conditions
    }
}
