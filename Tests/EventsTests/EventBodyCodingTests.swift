import Events
import Foundation
import Testing

/// Each kind's hand-written body encoding and decoding give exactly what `Codable` gives,
/// so the fast path changes no byte that is hashed and reads every body the slow one read.
@Suite struct EventBodyCodingTests {
    static let samples: [any DomainEvent] = [
        AgendaItemAdded(meetingId: "meetingId-ä/1", itemId: "itemId-ä/1", dossierId: "dossierId-2", topic: "topic-2"),
        AgendaItemAdded(meetingId: "meetingId-ä/1", itemId: "itemId-ä/1", dossierId: nil, topic: nil),
        AgendaItemCarriedOver(meetingId: "meetingId-ä/1", itemId: "itemId-ä/1", fromMeetingId: "fromMeetingId-ä/1", fromItemId: "fromItemId-ä/1", dossierId: "dossierId-2", topic: "topic-2", position: 3),
        AgendaItemCarriedOver(meetingId: "meetingId-ä/1", itemId: "itemId-ä/1", fromMeetingId: "fromMeetingId-ä/1", fromItemId: "fromItemId-ä/1", dossierId: nil, topic: nil, position: 3),
        AgendaItemMoved(meetingId: "meetingId-ä/1", itemId: "itemId-ä/1", position: 3),
        AgendaItemMoved(meetingId: "meetingId-ä/1", itemId: "itemId-ä/1", position: 3),
        AgendaItemRemoved(meetingId: "meetingId-ä/1", itemId: "itemId-ä/1"),
        AgendaItemRemoved(meetingId: "meetingId-ä/1", itemId: "itemId-ä/1"),
        AreaDefined(code: "code-ä/1", name: "name-ä/1", kind: "kind-ä/1", parent: "parent-2"),
        AreaDefined(code: "code-ä/1", name: "name-ä/1", kind: "kind-ä/1", parent: nil),
        DeadlineSet(dossierId: "dossierId-ä/1", deadline: "deadline-ä/1"),
        DeadlineSet(dossierId: "dossierId-ä/1", deadline: "deadline-ä/1"),
        DecisionCompleted(decisionId: "decisionId-ä/1", note: FreeText(ref: "t-note-2", digest: String(repeating: "ab", count: 32))),
        DecisionCompleted(decisionId: "decisionId-ä/1", note: nil),
        DecisionTaken(decisionId: "decisionId-ä/1", meetingId: "meetingId-ä/1", text: FreeText(ref: "t-text-ä/1", digest: String(repeating: "ab", count: 32)), ownerDepartment: "ownerDepartment-ä/1", dossierId: "dossierId-2", due: "due-2"),
        DecisionTaken(decisionId: "decisionId-ä/1", meetingId: "meetingId-ä/1", text: FreeText(ref: "t-text-ä/1", digest: String(repeating: "ab", count: 32)), ownerDepartment: "ownerDepartment-ä/1", dossierId: nil, due: nil),
        DepartmentAssigned(dossierId: "dossierId-ä/1", departmentId: "departmentId-ä/1", role: "role-ä/1"),
        DepartmentAssigned(dossierId: "dossierId-ä/1", departmentId: "departmentId-ä/1", role: "role-ä/1"),
        DepartmentRegistered(departmentId: "departmentId-ä/1", name: "name-ä/1", external: true),
        DepartmentRegistered(departmentId: "departmentId-ä/1", name: "name-ä/1", external: false),
        DepartmentStatusUpdated(dossierId: "dossierId-ä/1", departmentId: "departmentId-ä/1", status: "status-ä/1", note: FreeText(ref: "t-note-2", digest: String(repeating: "ab", count: 32))),
        DepartmentStatusUpdated(dossierId: "dossierId-ä/1", departmentId: "departmentId-ä/1", status: "status-ä/1", note: nil),
        DepartmentUnassigned(dossierId: "dossierId-ä/1", departmentId: "departmentId-ä/1"),
        DepartmentUnassigned(dossierId: "dossierId-ä/1", departmentId: "departmentId-ä/1"),
        DiscussionRecorded(meetingId: "meetingId-ä/1", itemId: "itemId-ä/1", notes: FreeText(ref: "t-notes-2", digest: String(repeating: "ab", count: 32))),
        DiscussionRecorded(meetingId: "meetingId-ä/1", itemId: "itemId-ä/1", notes: nil),
        DossierClosed(dossierId: "dossierId-ä/1", resolution: FreeText(ref: "t-resolution-ä/1", digest: String(repeating: "ab", count: 32))),
        DossierClosed(dossierId: "dossierId-ä/1", resolution: FreeText(ref: "t-resolution-ä/1", digest: String(repeating: "ab", count: 32))),
        DossierEscalated(dossierId: "dossierId-ä/1", to: "to-ä/1", reason: FreeText(ref: "t-reason-ä/1", digest: String(repeating: "ab", count: 32))),
        DossierEscalated(dossierId: "dossierId-ä/1", to: "to-ä/1", reason: FreeText(ref: "t-reason-ä/1", digest: String(repeating: "ab", count: 32))),
        DossierRaised(dossierId: "dossierId-ä/1", tableId: "tableId-ä/1", title: "title-ä/1", summary: FreeText(ref: "t-summary-2", digest: String(repeating: "ab", count: 32)), area: "area-2", deadline: "deadline-2"),
        DossierRaised(dossierId: "dossierId-ä/1", tableId: "tableId-ä/1", title: "title-ä/1", summary: nil, area: nil, deadline: nil),
        DossierReopened(dossierId: "dossierId-ä/1", reason: FreeText(ref: "t-reason-ä/1", digest: String(repeating: "ab", count: 32))),
        DossierReopened(dossierId: "dossierId-ä/1", reason: FreeText(ref: "t-reason-ä/1", digest: String(repeating: "ab", count: 32))),
        EscalationResolved(dossierId: "dossierId-ä/1", outcome: FreeText(ref: "t-outcome-ä/1", digest: String(repeating: "ab", count: 32))),
        EscalationResolved(dossierId: "dossierId-ä/1", outcome: FreeText(ref: "t-outcome-ä/1", digest: String(repeating: "ab", count: 32))),
        MeetingClosed(meetingId: "meetingId-ä/1"),
        MeetingClosed(meetingId: "meetingId-ä/1"),
        PersonalDataErased(dossierId: "dossierId-ä/1", refs: ["t-a", "e1/note"], reason: "reason-ä/1", requestRef: "requestRef-2"),
        PersonalDataErased(dossierId: nil, refs: [], reason: "reason-ä/1", requestRef: nil),
        DossierConfidentialitySet(dossierId: "dossierId-ä/1", confidential: true, reason: FreeText(ref: "t-reason-ä/1", digest: String(repeating: "ab", count: 32))),
        DossierConfidentialitySet(dossierId: "dossierId-ä/1", confidential: false, reason: FreeText(inline: "reason-ä/1")),
        MeetingScheduled(meetingId: "meetingId-ä/1", tableId: "tableId-ä/1", date: "date-ä/1", location: "location-2"),
        MeetingScheduled(meetingId: "meetingId-ä/1", tableId: "tableId-ä/1", date: "date-ä/1", location: nil),
        PrincipalRegistered(principalId: "principalId-ä/1", name: "name-ä/1", role: "role-ä/1", stadsdelen: ["a", "b/c"], departments: ["a", "b/c"], tokenHash: "tokenHash-ä/1"),
        PrincipalRegistered(principalId: "principalId-ä/1", name: "name-ä/1", role: "role-ä/1", stadsdelen: [], departments: [], tokenHash: "tokenHash-ä/1"),
        PrincipalRevoked(principalId: "principalId-ä/1"),
        PrincipalRevoked(principalId: "principalId-ä/1"),
        TableEstablished(tableId: "tableId-ä/1", name: "name-ä/1", stadsdeel: "stadsdeel-ä/1", members: ["a", "b/c"]),
        TableEstablished(tableId: "tableId-ä/1", name: "name-ä/1", stadsdeel: "stadsdeel-ä/1", members: []),
        TableMemberAdded(tableId: "tableId-ä/1", departmentId: "departmentId-ä/1"),
        TableMemberAdded(tableId: "tableId-ä/1", departmentId: "departmentId-ä/1"),
        TableMemberRemoved(tableId: "tableId-ä/1", departmentId: "departmentId-ä/1"),
        TableMemberRemoved(tableId: "tableId-ä/1", departmentId: "departmentId-ä/1"),
        AgendaItemAdded(meetingId: "meetingId-ä/1", itemId: "itemId-ä/1", dossierId: nil, topic: "topic-2", late: true),
        MeetingAttendanceRecorded(meetingId: "meetingId-ä/1", departmentId: "departmentId-ä/1", presence: "present", delegate: FreeText(ref: "t-delegate", digest: String(repeating: "ab", count: 32))),
        MeetingAttendanceRecorded(meetingId: "meetingId-ä/1", departmentId: "departmentId-ä/1", presence: "excused", delegate: nil),
        MeetingRescheduled(meetingId: "meetingId-ä/1", date: "date-ä/1", location: "location-2", reason: FreeText(ref: "t-reason", digest: String(repeating: "cd", count: 32))),
        MeetingRescheduled(meetingId: "meetingId-ä/1", date: "date-ä/1", location: nil, reason: FreeText(ref: "t-reason", digest: String(repeating: "cd", count: 32))),
        MeetingCancelled(meetingId: "meetingId-ä/1", reason: FreeText(ref: "t-reason", digest: String(repeating: "cd", count: 32))),
        AgendaFinalised(meetingId: "meetingId-ä/1"),
        MinutesApproved(meetingId: "meetingId-ä/1"),
        NotesAmended(meetingId: "meetingId-ä/1", itemId: "itemId-ä/1", notes: FreeText(ref: "t-notes", digest: String(repeating: "ab", count: 32)), reason: FreeText(ref: "t-reason", digest: String(repeating: "cd", count: 32))),
        DossierConfidentialitySet(dossierId: "dossierId-ä/1", confidential: true, reason: FreeText(ref: "t-reason", digest: String(repeating: "cd", count: 32))),
        DossierConfidentialitySet(dossierId: "dossierId-ä/1", confidential: false, reason: FreeText(ref: "t-reason", digest: String(repeating: "cd", count: 32))),
        PersonalDataErased(dossierId: "dossierId-ä/1", refs: ["t-a", "b/c"], reason: "reason-ä/1", requestRef: "AVG-2026-1"),
        PersonalDataErased(dossierId: nil, refs: [], reason: "reason-ä/1", requestRef: nil),
        DossierRaised(dossierId: "dossierId-ä/1", tableId: "tableId-ä/1", title: "title-ä/1", summary: FreeText(inline: "an inline text of schema 1"), area: nil, deadline: nil),
    ]

    @Test func handWrittenBodiesEqualCodableOnes() throws {
        #expect(Set(Self.samples.map { type(of: $0).eventType }).count == EventCatalogue.kinds.count)
        for sample in Self.samples {
            try check(sample)
        }
    }

    func check<Event: DomainEvent>(_ event: Event) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let codable = try JSONParser.parse(Array(try encoder.encode(event)))
        #expect(event.data == codable, "\(Event.eventType): \(String(decoding: event.data.canonicalBytes, as: UTF8.self))")
        #expect(event.data.canonicalBytes == codable.canonicalBytes)
        #expect(try Event(data: codable) == event)
        #expect(try JSONValueDecoder().decode(Event.self, from: event.data) == event)
    }

    @Test func aBodyOfTheWrongShapeNamesTheMember() {
        #expect(throws: EventFields.Mismatch.self) { try DossierRaised(data: ["dossierId": "d1", "tableId": 7, "title": "x"]) }
        #expect(throws: EventFields.Mismatch.self) { try DossierRaised(data: ["dossierId": "d1", "title": "x"]) }
        #expect(throws: EventFields.Mismatch.self) { try TableEstablished(data: ["tableId": "t", "name": "n", "stadsdeel": "SD-x", "members": [1]]) }
        #expect(throws: EventFields.Mismatch.self) { try AgendaItemMoved(data: ["meetingId": "m", "itemId": "i", "position": .double(1.5)]) }
        #expect(throws: EventFields.Mismatch.self) { try MeetingClosed(data: "not an object") }
    }
}
