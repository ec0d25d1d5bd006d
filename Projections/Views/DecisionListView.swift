import Events

/// The `decision.list` answer, the actielijst: a page of decisions, earliest due first
/// (those without a due date last, then by id), filtered, with the cursor of the next page.
package enum DecisionListView {
    /// Where a page starts: after the decision with this sort key. A cursor is the last
    /// decision's due date (or `none`), `/`, and its id; a date holds no `/`, so the first
    /// one splits it whatever the id holds.
    package struct Cursor: Sendable, Equatable {
        package var due: String?
        package var decisionId: String

        package init(due: String?, decisionId: String) {
            self.due = due
            self.decisionId = decisionId
        }

        /// Reads a cursor this view gave; `nil` for any other text.
        package init?(_ text: String) {
            guard let slash = text.firstIndex(of: "/") else { return nil }
            let due = String(text[..<slash])
            let id = String(text[text.index(after: slash)...])
            guard !id.isEmpty, due == "none" || CivilDate.days(of: due) != nil else { return nil }
            self.init(due: due == "none" ? nil : due, decisionId: id)
        }

        package var text: String { "\(due ?? "none")/\(decisionId)" }

        /// Earliest due first, no due date last, then by id.
        static func precedes(_ a: Cursor, _ b: Cursor) -> Bool {
            switch (a.due, b.due) {
            case let (x?, y?) where x != y: return x < y
            case (nil, _?): return false
            case (_?, nil): return true
            default: return a.decisionId < b.decisionId
            }
        }
    }

    package static func render(
        _ filter: DecisionFilter, in model: CoordinationModel, today: String, limit: Int, after cursor: Cursor?,
        visible: (DecisionRecord) -> Bool, texts: any TextReader
    ) -> JSONValue {
        let key = { (decision: DecisionRecord) in Cursor(due: decision.due, decisionId: decision.decisionId) }
        var chosen = model.decisions.values.filter { decision in
            if let cursor, !Cursor.precedes(cursor, key(decision)) { return false }
            return filter.admits(decision, stadsdeel: decision.tableId.flatMap { model.tables[$0]?.stadsdeel }, today: today)
                && visible(decision)
        }
        chosen.sort { Cursor.precedes(key($0), key($1)) }
        let page = chosen.prefix(limit)
        let next: JSONValue = chosen.count > limit ? page.last.map { .string(key($0).text) } ?? .null : .null
        return .object([
            ("items", .array(page.map { DossierView.decision($0, today: today, texts: texts) })),
            ("nextCursor", next),
        ])
    }
}
