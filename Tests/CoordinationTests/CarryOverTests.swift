@testable import Coordination
import EventStore
import Events
import Foundation
import Projections
import Testing

/// Undiscussed items move to the next meeting whatever their number and ids, and no
/// position in the log can trap the fold.
@Suite struct CarryOverTests {
    typealias S = Scenario

    /// Agenda items `prefix-1` … `prefix-count` (topics) on `meetingId`.
    static func items(_ count: Int, on meetingId: String, prefix: String = "i") -> [any DomainEvent] {
        (1...count).map { AgendaItemAdded(meetingId: meetingId, itemId: "\(prefix)-\($0)", topic: "Punt \($0)") }
    }

    @Test func aCarryOverLargerThanOneAppendGoesInPartsInTheOldOrder() {
        var scenario = S.standard()
        for event in Self.items(2_500, on: "m1") { scenario.given(event) }
        scenario.given(MeetingScheduled(meetingId: "m2", tableId: "t1", date: "2027-01-07"))
        scenario.given(AgendaItemAdded(meetingId: "m2", itemId: "own", topic: "Al geagendeerd"))
        #expect(scenario.when(.closeMeeting(meetingId: "m1"), by: S.regisseur).succeeded)
        var parts = 0
        while let part = Decider.carryOver(into: "m2", on: scenario.model) {
            #expect(part.events.count <= Decider.maximumEvents)
            for event in part.events { scenario.given(event) }
            parts += 1
        }
        let agenda = scenario.model.meetings["m2"]?.items.map(\.itemId) ?? []
        #expect(parts == 2)
        #expect(agenda == (1...2_500).map { "i-\($0)" } + ["own"])
        #expect(scenario.model.pendingCarryOver(tableId: "t1", until: "2027-01-07").isEmpty)
    }

    @Test func carriedItemIdsNeverCollideWithTheTargetsItems() {
        var scenario = S.standard()
        scenario.given(
            AgendaItemAdded(meetingId: "m1", itemId: "x", topic: "Eerste"),
            AgendaItemAdded(meetingId: "m1", itemId: "y", topic: "Tweede"),
            MeetingScheduled(meetingId: "m2", tableId: "t1", date: "2027-01-07"),
            AgendaItemAdded(meetingId: "m2", itemId: "x", topic: "Bezet"),
            AgendaItemAdded(meetingId: "m2", itemId: "x.m1", topic: "Ook bezet"),
            AgendaItemAdded(meetingId: "m2", itemId: "x.m1.2", topic: "Ook dat"))
        #expect(scenario.when(.closeMeeting(meetingId: "m1"), by: S.regisseur).succeeded)
        let ids = scenario.model.meetings["m2"]?.items.map(\.itemId) ?? []
        #expect(ids == ["x.m1.3", "y", "x", "x.m1", "x.m1.2"])
        #expect(Set(ids).count == ids.count)
    }

    @Test func aLongDerivedIdStaysAnIdAndUnique() {
        let long = String(repeating: "a", count: 64)
        let taken: Set<String> = [long, String("\(long).m1".prefix(64))]
        let id = Decider.uniqueItemId(long, from: "m1", taken: taken)
        #expect(id.count <= 64)
        #expect(!taken.contains(id))
        #expect(id.hasSuffix(".2"))
    }

    @Test func itemsOfDifferentMeetingsNeverShareACarriedMark() {
        var scenario = S.standard()
        // Ids only a crafted log holds: meeting "x" item "y/z", and meeting "x/y" item "z".
        scenario.given(
            MeetingScheduled(meetingId: "x", tableId: "t1", date: "2026-11-05"),
            AgendaItemAdded(meetingId: "x", itemId: "y/z", topic: "Blijft liggen"),
            MeetingClosed(meetingId: "x"),
            AgendaItemCarriedOver(meetingId: "m1", itemId: "z", fromMeetingId: "x/y", fromItemId: "z", topic: "Elders", position: 1))
        let pending = scenario.model.pendingCarryOver(tableId: "t1", until: "2026-12-31").map { "\($0.0.meetingId) \($0.1.itemId)" }
        #expect(pending == ["x y/z"])
    }

    @Test(arguments: [Int.min, -1, 0, 1, 2, Int.max])
    func noPlaceInTheLogTrapsTheFold(place: Int) {
        var scenario = S.standard()
        scenario.given(
            AgendaItemAdded(meetingId: "m1", itemId: "a", topic: "A"),
            AgendaItemAdded(meetingId: "m1", itemId: "b", topic: "B"),
            AgendaItemMoved(meetingId: "m1", itemId: "a", position: place),
            AgendaItemCarriedOver(meetingId: "m1", itemId: "c", fromMeetingId: "m0", fromItemId: "c", topic: "C", position: place))
        let items = scenario.model.meetings["m1"]?.items.map(\.itemId) ?? []
        #expect(Set(items) == ["a", "b", "c"])
        #expect(scenario.model.unreadable == 0)
    }
}

/// The same through the service and a real store, which refuses appends of more than
/// 1,000 events: closing or scheduling never leaves the table wedged.
@Suite struct CarryOverServiceTests {
    typealias S = Scenario

    static func service(items: Int) async throws -> (CoordinationService, any EventStore) {
        let store = try FileEventStore.open(directory: NSTemporaryDirectory() + "/tafel-carry-" + EventId.random())
        let service = try await CoordinationService(store: store)
        let setup: [Command] = [
            .defineArea(code: S.noord, name: "Noordoost", kind: "stadsdeel", parent: nil),
            .registerDepartment(departmentId: "wonen", name: "Wonen", external: false),
            .establishTable(tableId: "t1", name: "Tafel Noordoost", stadsdeel: S.noord, members: ["wonen"]),
            .scheduleMeeting(meetingId: "m1", tableId: "t1", date: "2026-12-03", location: nil),
        ]
        for command in setup { _ = try await service.execute(command, by: S.admin) }
        let events = CarryOverTests.items(items, on: "m1").map { ProposedEvent($0) }
        for start in stride(from: 0, to: events.count, by: AppendRequest.maximumEventCount) {
            let part = Array(events[start..<min(start + AppendRequest.maximumEventCount, events.count)])
            _ = try await store.append(AppendRequest(stream: "meeting-m1", events: part, actor: Actor(principalId: "admin", role: "admin")))
        }
        try await service.catchUp()
        return (service, store)
    }

    @Test func closingAMeetingWithMoreThanAThousandOpenItemsCarriesThemAll() async throws {
        let (service, store) = try await Self.service(items: 1_500)
        _ = try await service.execute(.scheduleMeeting(meetingId: "m2", tableId: "t1", date: "2027-01-07", location: nil), by: S.admin)
        _ = try await service.execute(.closeMeeting(meetingId: "m1"), by: S.regisseur, requestId: "close-m1")
        let carried = await service.model.meetings["m2"]?.items ?? []
        #expect(carried.map(\.itemId) == (1...1_500).map { "i-\($0)" })
        #expect(carried.allSatisfy { $0.carriedOverFrom == "m1" })
        await store.close()
    }

    @Test func schedulingAfterALargeCarryOverIsNotWedged() async throws {
        let (service, store) = try await Self.service(items: 1_200)
        _ = try await service.execute(.closeMeeting(meetingId: "m1"), by: S.regisseur)
        _ = try await service.execute(.scheduleMeeting(meetingId: "m2", tableId: "t1", date: "2027-01-07", location: nil), by: S.regisseur)
        #expect(await service.model.meetings["m2"]?.items.count == 1_200)
        _ = try await service.execute(.scheduleMeeting(meetingId: "m3", tableId: "t1", date: "2027-02-04", location: nil), by: S.regisseur)
        #expect(await service.model.meetings["m3"]?.items.isEmpty == true)
        await store.close()
    }
}
