import Events

/// The `area.list` answer: the municipality's area tree (stadsdelen, wijken, buurten), so
/// that a client takes area codes from the server. Every role reads it: the codes are public
/// (CBS) or the municipality's own, and a dossier's `area` means nothing without them.
///
/// Areas come in `code` order; each names its parent, so a client builds the tree itself.
package enum AreaListView {
    /// - Parameter under: only the areas below this one, at any depth (not the area itself),
    ///   when given; the caller has made sure it exists.
    package static func render(in model: CoordinationModel, under: String?) -> JSONValue {
        let areas = model.areas.values.filter { area in under.map { lies(area, under: $0, in: model) } ?? true }
        let rows: [JSONValue] = areas.sorted { $0.code < $1.code }.map { area in
            .object([
                ("code", .string(area.code)),
                ("name", .string(area.name)),
                ("kind", .string(area.kind)),
                ("parent", area.parent.map(JSONValue.string) ?? .null),
            ])
        }
        return .object([("areas", .array(rows))])
    }

    /// Whether `ancestor` is a parent of `area`, or a parent of one of its parents. A parent
    /// chain that returns to an area already seen (an imported log could hold one) ends there.
    static func lies(_ area: AreaRecord, under ancestor: String, in model: CoordinationModel) -> Bool {
        var seen: Set<String> = [area.code]
        var parent = area.parent
        while let code = parent, seen.insert(code).inserted {
            if code == ancestor { return true }
            parent = model.areas[code]?.parent
        }
        return false
    }
}
