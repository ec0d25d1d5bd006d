import Coordination
import EventStore
import Events
import Foundation
import Testing
import TestSupport

/// `tafel replay`: an auditor sees a dossier and an agenda exactly as they were then.
@Suite struct ReplayCommandTests {
    @Test func aDossierAndAnAgendaAsTheyWereAtAPastPosition() async throws {
        let directory = try TemporaryDirectory.make()
        let store = try FileEventStore.open(directory: directory)
        let service = try await CoordinationService(store: store)
        let admin = ActingPrincipal(principalId: "admin", role: .admin)
        let setup: [Command] = [
            .defineArea(code: "SD-noord", name: "Noordoost", kind: "stadsdeel", parent: nil),
            .registerDepartment(departmentId: "wonen", name: "Wonen", external: false),
            .establishTable(tableId: "t1", name: "Tafel Noordoost", stadsdeel: "SD-noord", members: ["wonen"]),
            .raiseDossier(dossierId: "d1", tableId: "t1", title: "Overlast", summary: nil, area: nil, deadline: "2026-12-01"),
            .assignDepartment(dossierId: "d1", departmentId: "wonen", role: "lead"),
            .scheduleMeeting(meetingId: "m1", tableId: "t1", date: "2026-12-03", location: nil),
            .addAgendaItem(meetingId: "m1", itemId: "a", dossierId: "d1", topic: nil),
            .updateStatus(dossierId: "d1", departmentId: "wonen", status: "in_progress", note: "Schouw"),
        ]
        for command in setup { _ = try await service.execute(command, by: admin) }
        let then = try await store.head().position
        _ = try await service.execute(.closeMeeting(meetingId: "m1"), by: admin)
        _ = try await service.execute(.scheduleMeeting(meetingId: "m2", tableId: "t1", date: "2027-01-07", location: nil), by: admin)
        _ = try await service.execute(.closeDossier(dossierId: "d1", resolution: "Opgelost"), by: admin)
        await store.close()

        let past = try TafelProcess.run(["replay", "--store", directory, "--position", "\(then)", "--dossier", "d1", "--today", "2026-12-02"])
        #expect(past.status == 0, "\(past.stderr)")
        let pastDossier = try JSONParser.parse(past.stdout.trimmingCharacters(in: .newlines))["dossier"]
        #expect(pastDossier?["overallStatus"] == "in_progress")
        #expect(pastDossier?["overdue"] == true)
        #expect(pastDossier?["departments"]?.arrayValue?.first?["note"] == "Schouw")

        let now = try TafelProcess.run(["replay", "--store", directory, "--position", "999", "--dossier", "d1"])
        #expect(try JSONParser.parse(now.stdout.trimmingCharacters(in: .newlines))["dossier"]?["overallStatus"] == "closed")

        let agenda = try TafelProcess.run(["replay", "--store", directory, "--position", "999", "--table", "t1", "--meeting", "m2"])
        let items = try JSONParser.parse(agenda.stdout.trimmingCharacters(in: .newlines))["agenda"]?["items"]?.arrayValue ?? []
        #expect(items.count == 1)
        #expect(items.first?["carriedOverFrom"] == "m1")
        #expect(items.first?["overallStatus"] == "closed")

        let before = try TafelProcess.run(["replay", "--store", directory, "--until", "2000-01-01T00:00:00Z", "--dossier", "d1"])
        #expect(before.status == 1)
        #expect(before.stderr.contains("did not exist"))
    }
}
