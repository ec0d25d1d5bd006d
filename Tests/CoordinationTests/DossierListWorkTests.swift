import Coordination
import EventStore
import Events
import Foundation
import Projections
import Testing

/// `dossier.list` pages cost about their size, not the number of dossiers: a page starts at
/// its cursor in ids kept in order, and the order kept beside the live model stays right as
/// dossiers are raised between pages.
@Suite struct DossierListWorkTests {
    typealias S = Scenario

    @Test func aPageAfterACursorLooksAtAboutItsOwnSizeOfDossiers() throws {
        var scenario = S.standard()
        for index in 0..<2000 {
            _ = try scenario.when(
                .raiseDossier(dossierId: "x\(index)", tableId: "t1", title: "Dossier \(index)", summary: nil, area: nil, deadline: nil),
                by: S.regisseur
            ).get()
        }
        let ordered = scenario.model.dossiers.keys.sorted()
        var looked = 0
        let page = DossierListView.render(
            DossierFilter(), in: scenario.model, today: "2027-01-01", limit: 10, after: ordered[1000], ordered: ordered,
            visible: { _ in looked += 1; return true }, texts: InlineTextReader())
        #expect(looked <= 11)
        #expect(page["nextCursor"] == .string(ordered[1010]))
        let unordered = DossierListView.render(
            DossierFilter(), in: scenario.model, today: "2027-01-01", limit: 10, after: ordered[1000], visible: { _ in true }, texts: InlineTextReader())
        #expect(unordered == page)
    }

    @Test func pagesStayInOrderAsDossiersAreRaisedBetweenThem() async throws {
        let (service, store) = try await CoordinationServiceTests.service()
        var random = RebuildTests.SplitMix(state: 7)
        var raised: Set<String> = ["d1"]
        func raise(_ count: Int) async throws {
            for _ in 0..<count {
                let id = "r\(random.next(100_000))"
                guard raised.insert(id).inserted else { continue }
                _ = try await service.execute(
                    .raiseDossier(dossierId: id, tableId: "t1", title: id, summary: nil, area: nil, deadline: nil), by: S.admin)
            }
        }
        try await raise(40)
        var seen: [String] = []
        var cursor: String?
        repeat {
            let page = try await service.answer(.dossierList(DossierFilter(), today: nil, limit: 7, cursor: cursor), by: S.admin)
            guard case let .array(items)? = page["items"] else { break }
            for item in items { if case let .string(id)? = item["dossierId"] { seen.append(id) } }
            if case let .string(next)? = page["nextCursor"] { cursor = next } else { cursor = nil }
            try await raise(3)
        } while cursor != nil
        #expect(seen == seen.sorted())
        #expect(Set(seen).count == seen.count)
        let all = try await service.answer(.dossierList(DossierFilter(), today: nil, limit: 1000, cursor: nil), by: S.admin)
        guard case let .array(items)? = all["items"] else {
            Issue.record("no items")
            return
        }
        #expect(items.compactMap { if case let .string(id)? = $0["dossierId"] { id } else { nil } } == raised.sorted())
        await store.close()
    }
}
