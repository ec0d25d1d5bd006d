import Events
import Projections

extension CoordinationService {
    /// Most hits one `privacy.search` answers; beyond, `truncated` is true and the officer
    /// narrows the term (every hit names its dossier, so a page of them is read one dossier
    /// at a time anyway).
    static let maximumSearchHits = 1000

    /// `privacy.search`: every live free text (superseded ones included; erased ones never)
    /// that contains `term`, by dossier then reference.
    ///
    /// Matching is case-insensitive by Unicode's default lower-case mapping
    /// (`String.lowercased()`, no locale) of both sides, then a substring match over
    /// characters, which compares canonically equivalent forms as equal (`é` precomposed or
    /// as `e` + combining accent). Accents are not folded (`e` does not find `é`), and `ß`
    /// does not find `ss`.
    func searchTexts(_ term: String) -> JSONValue {
        let folded = term.lowercased()
        var hits: [TextEntry] = []
        for entry in model.freeTexts.values {
            guard case let .live(text) = vault.reading(entry.text), text.lowercased().contains(folded) else { continue }
            hits.append(entry)
        }
        hits.sort { ($0.dossierId ?? "", $0.ref) < ($1.dossierId ?? "", $1.ref) }
        let shown = hits.prefix(Self.maximumSearchHits).map { entry in
            JSONValue.object([
                ("dossierId", entry.dossierId.map(JSONValue.string) ?? .null), ("field", .string(entry.field)),
                ("ref", .string(entry.ref)), ("where", .string(entry.place.description)),
            ])
        }
        return .object([("hits", .array(shown)), ("truncated", .bool(hits.count > Self.maximumSearchHits))])
    }
}
