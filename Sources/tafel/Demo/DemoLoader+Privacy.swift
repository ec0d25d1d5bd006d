import Coordination
import Events
import Projections

extension DemoLoader {
    /// The privacy officer of the demo, who erases and searches personal data.
    static let privacyOfficer = "fg-maastricht"
    /// A dossier on a family's situation, confidential: only its assigned departments read it.
    static let confidentialDossier = "centrum-vertrouwelijk"
    /// A dossier whose resident asked for her personal data to be erased.
    static let erasedDossier = "centrum-burenruzie"
    /// The personal data the demo erases: after the demo is loaded, it is in no answer, no
    /// export and no file of the store.
    static let erasedText = "Mevrouw M. de Vries, Boschstraat 5, meldt aanhoudende geluidsoverlast van de bovenburen."
    /// A live text of the confidential dossier, for the privacy officer's search.
    static let confidentialSummary = "Gezin met drie kinderen, Rechtstraat 41: zorgen over de thuissituatie, melding bij Veilig Thuis."

    /// The two cases of the AVG in the Stadsdeeltafel Centrum, after the year: a dossier made
    /// confidential by the regisseur (Wonen, not assigned, sees "Vertrouwelijk agendapunt"),
    /// and a resident's personal data erased by the privacy officer on her request. Runs on
    /// the real clock, after every event of the year.
    func playPrivacy() async throws {
        clock.set(nil)
        try await issue(Self.privacyOfficer, name: "Functionaris gegevensbescherming", role: .privacy, by: Self.admin)
        guard let centrum = stadsdelen.first(where: { $0.slug == "centrum" }) else { return }
        let regisseur = regisseur(centrum)
        if try await run(
            .raiseDossier(dossierId: Self.confidentialDossier, tableId: centrum.slug, title: "Zorgmelding gezin", summary: Self.confidentialSummary, area: nil, deadline: nil),
            by: regisseur)
        {
            try await run(.assignDepartment(dossierId: Self.confidentialDossier, departmentId: "sociaal-domein", role: "lead"), by: regisseur)
            try await run(.assignDepartment(dossierId: Self.confidentialDossier, departmentId: "politie", role: "contributor"), by: regisseur)
            try await run(
                .setConfidentiality(dossierId: Self.confidentialDossier, confidential: true, reason: "Bijzondere persoonsgegevens van minderjarigen; alleen de toegewezen afdelingen"),
                by: regisseur)
            let next = await service.model.meetings.values.filter { $0.tableId == centrum.slug && !$0.closed }.min { $0.date < $1.date }
            if let next {
                try await run(.addAgendaItem(meetingId: next.meetingId, itemId: "item-\(Self.confidentialDossier)", dossierId: Self.confidentialDossier, topic: nil), by: regisseur)
            }
        }
        if try await run(
            .raiseDossier(dossierId: Self.erasedDossier, tableId: centrum.slug, title: "Geluidsoverlast bovenburen", summary: Self.erasedText, area: nil, deadline: nil),
            by: regisseur)
        {
            try await run(.assignDepartment(dossierId: Self.erasedDossier, departmentId: "wonen", role: "lead"), by: regisseur)
            try await run(
                .updateStatus(dossierId: Self.erasedDossier, departmentId: "wonen", status: "in_progress", note: "Gesprek gevoerd met mevrouw De Vries en de bovenburen."),
                by: member(of: "wonen"))
            try await run(
                .erasePersonalData(dossierId: Self.erasedDossier, ref: nil, fields: nil, reason: "AVG art. 17: verzoek van betrokkene", requestRef: "AVG-2026-001"),
                by: principal(Self.privacyOfficer))
        }
    }
}
