import Events
import Testing

@Suite struct EventCatalogueTests {
    @Test func everyKindHasAUniqueTypeAndRoundTripsItsBody() throws {
        let types = EventCatalogue.kinds.map { $0.eventType }
        #expect(Set(types).count == types.count)
        #expect(types.count >= 25)
        let raised = DossierRaised(dossierId: "d1", tableId: "t1", title: "Zwerfafval Wyck", deadline: "2026-12-01")
        #expect(try DossierRaised(data: raised.data) == raised)
        #expect(raised.data["summary"] == nil)
        #expect(raised.stream == "dossier-d1")
        #expect(EventCatalogue.kind(named: "DossierRaised") != nil)
    }

    @Test func refusesSchemaVersionsFromTheFuture() {
        #expect(throws: UnknownSchemaVersion.self) {
            try EventCatalogue.upcast(type: "DossierRaised", schemaVersion: DossierRaised.schemaVersion + 1, data: [:])
        }
        #expect(throws: UnknownSchemaVersion.self) {
            try EventCatalogue.upcast(type: "NoSuchEvent", schemaVersion: 1, data: [:])
        }
    }
}
