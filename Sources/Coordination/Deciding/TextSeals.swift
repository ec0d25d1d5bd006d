import Events

/// The free texts one decision seals (``Events/TextSealer``), collected while the deciders
/// build events: the append writes them beside the log.
///
/// A class so that the deciders' event builders, which are not `mutating`, can seal.
final class TextSeals {
    private(set) var sealer: TextSealer

    init(_ sealer: TextSealer) {
        self.sealer = sealer
    }

    func seal(_ text: String) -> FreeText {
        sealer.seal(text)
    }

    func seal(_ text: String?) -> FreeText? {
        sealer.seal(text)
    }
}
