/// Every dossier id in ascending order, kept beside the live model so that a `dossier.list`
/// page starts at its cursor instead of filtering and sorting every dossier: updating it
/// sorts only the dossiers raised since the last update and merges them in.
struct DossierOrder: Sendable {
    private(set) var ids: [String] = []
    /// How many of the model's raised dossiers are in ``ids``.
    private(set) var merged = 0

    /// Takes in the dossiers of `raised` (in raise order) after the ones merged before.
    mutating func update(with raised: [String]) {
        guard merged < raised.count else { return }
        let fresh = raised[merged...].sorted()
        merged = raised.count
        guard let last = ids.last, let first = fresh.first, first < last else {
            ids += fresh
            return
        }
        var result: [String] = []
        result.reserveCapacity(ids.count + fresh.count)
        var old = ids.startIndex
        var new = fresh.startIndex
        while old < ids.endIndex, new < fresh.endIndex {
            if ids[old] < fresh[new] {
                result.append(ids[old])
                old += 1
            } else {
                result.append(fresh[new])
                new += 1
            }
        }
        result += ids[old...]
        result += fresh[new...]
        ids = result
    }
}
