import Coordination
import EventStore

/// The municipality ``OrderOfChecksTable`` refers to, on a fresh file store: stadsdelen
/// Noord and Zuid; departments Wonen, Openbare Ruimte and Verkeer; table t1 in Noord (Wonen,
/// Openbare Ruimte) and t3 in Noord without meetings; dossier d1 (Wonen lead), d2 closed,
/// d3 escalated; meeting m0 closed (item i0), m1 open (item i1), m2 open with its agenda
/// final and dated 2027-01-07 (the last); decision b0 completed, b1
/// open; principal `gone` revoked; privacy officer `fg-1`. Tokens for every ``OrderOfChecksTable/Who``.
struct OrderOfChecksWorld {
    let test: RPCTestService
    let tokens: [OrderOfChecksTable.Who: String]

    static func make() async throws -> OrderOfChecksWorld {
        let test = try await RPCTestService.make()
        let system = ActingPrincipal(principalId: "system", role: .admin)
        func run(_ command: Command) async throws { _ = try await test.service.execute(command, by: system) }
        func principal(_ id: String, _ role: Role, stadsdelen: [String] = [], departments: [String] = []) async throws -> String {
            let token = Token.generate()
            try await run(.registerPrincipal(
                principalId: id, name: id, role: role, stadsdelen: stadsdelen, departments: departments, tokenHash: Token.hash(token)))
            return token
        }
        try await run(.defineArea(code: "SD-noord", name: "Noord", kind: "stadsdeel", parent: nil))
        try await run(.defineArea(code: "SD-zuid", name: "Zuid", kind: "stadsdeel", parent: nil))
        for department in ["wonen", "openbare-ruimte", "verkeer"] {
            try await run(.registerDepartment(departmentId: department, name: department, external: false))
        }
        let regisseur = try await principal("reg-noord", .regisseur, stadsdelen: ["SD-noord"])
        let otherRegisseur = try await principal("reg-zuid", .regisseur, stadsdelen: ["SD-zuid"])
        let otherDepartment = try await principal("verkeer-1", .department, departments: ["verkeer"])
        let privacy = try await principal("fg-1", .privacy)
        _ = try await principal("gone", .auditor)
        try await run(.revokePrincipal(principalId: "gone"))
        try await run(.establishTable(tableId: "t1", name: "Noord", stadsdeel: "SD-noord", members: ["wonen", "openbare-ruimte"]))
        try await run(.establishTable(tableId: "t3", name: "Noord twee", stadsdeel: "SD-noord", members: []))
        for dossier in ["d1", "d2", "d3"] {
            try await run(.raiseDossier(dossierId: dossier, tableId: "t1", title: dossier, summary: nil, area: nil, deadline: nil))
        }
        try await run(.assignDepartment(dossierId: "d1", departmentId: "wonen", role: "lead"))
        try await run(.closeDossier(dossierId: "d2", resolution: "Klaar"))
        try await run(.escalate(dossierId: "d3", to: "college", reason: "Budget"))
        try await run(.scheduleMeeting(meetingId: "m0", tableId: "t1", date: "2026-11-01", location: nil))
        try await run(.addAgendaItem(meetingId: "m0", itemId: "i0", dossierId: nil, topic: "Opening"))
        try await run(.recordDiscussion(meetingId: "m0", itemId: "i0", notes: nil))
        try await run(.closeMeeting(meetingId: "m0"))
        try await run(.scheduleMeeting(meetingId: "m1", tableId: "t1", date: "2026-12-03", location: nil))
        try await run(.addAgendaItem(meetingId: "m1", itemId: "i1", dossierId: nil, topic: "Rondvraag"))
        try await run(.scheduleMeeting(meetingId: "m2", tableId: "t1", date: "2027-01-07", location: nil))
        try await run(.finaliseAgenda(meetingId: "m2"))
        for decision in ["b0", "b1"] {
            try await run(.takeDecision(decisionId: decision, meetingId: "m1", text: "Schouw", ownerDepartment: "wonen", dossierId: nil, due: nil))
        }
        try await run(.completeDecision(decisionId: "b0", note: nil))
        return OrderOfChecksWorld(test: test, tokens: [
            .admin: test.adminToken, .auditor: test.auditorToken, .regisseur: regisseur, .otherRegisseur: otherRegisseur,
            .otherDepartment: otherDepartment, .privacy: privacy,
        ])
    }
}
