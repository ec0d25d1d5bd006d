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
        // The first `limit + 1` in order, kept sorted while scanning: a page costs one pass
        // over the decisions, not a sort of all of them. Without a limit, one sort.
        var chosen: [(key: Cursor, decision: DecisionRecord)] = []
        let keep = limit == Int.max ? limit : limit + 1
        for decision in model.decisions.values {
            let key = Cursor(due: decision.due, decisionId: decision.decisionId)
            if let cursor, !Cursor.precedes(cursor, key) { continue }
            if chosen.count == keep, let last = chosen.last, !Cursor.precedes(key, last.key) { continue }
            guard filter.admits(decision, stadsdeel: decision.tableId.flatMap { model.tables[$0]?.stadsdeel }, today: today), visible(decision)
            else { continue }
            if keep == Int.max {
                chosen.append((key, decision))
                continue
            }
            var low = 0
            var high = chosen.count
            while low < high {
                let middle = (low + high) / 2
                if Cursor.precedes(chosen[middle].key, key) { low = middle + 1 } else { high = middle }
            }
            chosen.insert((key, decision), at: low)
            if chosen.count > keep { chosen.removeLast() }
        }
        if keep == Int.max { chosen.sort { Cursor.precedes($0.key, $1.key) } }
        let page = chosen.prefix(limit)
        let next: JSONValue = chosen.count > limit ? page.last.map { .string($0.key.text) } ?? .null : .null
        return .object([
            ("items", .array(page.map { DossierView.decision($0.decision, today: today, texts: texts) })),
            ("nextCursor", next),
        ])
    }
}
