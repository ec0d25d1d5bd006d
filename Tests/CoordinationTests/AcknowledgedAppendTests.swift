import Coordination
import EventStore
import Events
import Foundation
import Projections
import Synchronization
import Testing
import TestSupport

/// Once a command's append succeeded, its result is the answer: a catch-up or carry-over
/// failing afterwards is logged and finished later, never reported as "nothing was written".
@Suite struct AcknowledgedAppendTests {
    typealias S = Scenario

    struct ReadFailure: Error {}

    /// The lines the service logged.
    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
        func contain(_ text: String) -> Bool { lines.withLock { $0.contains { $0.contains(text) } } }
    }

    static func service() async throws -> (CoordinationService, CountingStore, Lines) {
        let directory = NSTemporaryDirectory() + "/tafel-ack-" + EventId.random()
        let store = CountingStore(try FileEventStore.open(directory: directory))
        let lines = Lines()
        let logger = Logger(capturing: { line in lines.lines.withLock { $0.append(String(decoding: line, as: UTF8.self)) } })
        let service = try await CoordinationService(store: store, logger: logger)
        let setup: [Command] = [
            .defineArea(code: S.noord, name: "Noordoost", kind: "stadsdeel", parent: nil),
            .registerDepartment(departmentId: "wonen", name: "Wonen", external: false),
            .establishTable(tableId: "t1", name: "Tafel Noordoost", stadsdeel: S.noord, members: ["wonen"]),
            .raiseDossier(dossierId: "d1", tableId: "t1", title: "Overlast Frontenpark", summary: nil, area: nil, deadline: nil),
            .scheduleMeeting(meetingId: "m1", tableId: "t1", date: "2026-12-03", location: nil),
            .addAgendaItem(meetingId: "m1", itemId: "i1", dossierId: "d1", topic: nil),
            .scheduleMeeting(meetingId: "m2", tableId: "t1", date: "2027-01-07", location: nil),
        ]
        for command in setup { _ = try await service.execute(command, by: S.admin) }
        return (service, store, lines)
    }

    @Test func aCatchUpFailingAfterTheAppendStillAnswersTheAppend() async throws {
        let (service, store, lines) = try await Self.service()
        store.fail(.read, with: ReadFailure())
        let result = try await service.execute(.setDeadline(dossierId: "d1", deadline: "2027-01-31"), by: S.regisseur)
        store.heal()
        let written = try await store.read(from: result.positions[0], limit: 1)
        #expect(written.map(\.type) == ["DeadlineSet"])
        #expect(lines.contain("follow_up_failed"))
        await store.close()
    }

    /// The close is acknowledged although its carry-over could not run; the retry with the
    /// same requestId carries the item over.
    @Test func aCarryOverFailingAfterTheCloseIsFinishedByTheRetry() async throws {
        let (service, store, _) = try await Self.service()
        store.fail(.read, with: ReadFailure())
        let closed = try await service.execute(.closeMeeting(meetingId: "m1"), by: S.regisseur, requestId: "close-m1")
        store.heal()
        #expect(try await store.read(from: closed.positions[0], limit: 5).map(\.type) == ["MeetingClosed"])
        let again = try await service.execute(.closeMeeting(meetingId: "m1"), by: S.regisseur, requestId: "close-m1")
        #expect(again == closed)
        #expect(await service.model.meetings["m2"]?.items.map(\.itemId) == ["i1"])
        await store.close()
    }
}
