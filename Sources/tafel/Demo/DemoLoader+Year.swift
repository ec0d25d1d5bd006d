import Coordination
import Events
import Foundation
import Projections

extension DemoLoader {
    /// One thing that happens at a table at a moment of the simulated year.
    struct Step {
        var at: Int64
        var order: Int
        var action: (DemoLoader) async throws -> Void
    }

    /// A year of tables up to `now`: every four weeks a meeting per table, each prepared,
    /// held and followed up; each table's next meeting lies in the coming week with its
    /// agenda ready, and the one after it is scheduled.
    func playYear(now: Int64, meetingsPerTable: Int = 13) async throws {
        let today = Timestamp(millisecondsSinceEpoch: now).amsterdamDate
        guard let todayNumber = CivilDate.days(of: today) else { return }
        var steps: [Step] = []
        for (index, stadsdeel) in stadsdelen.enumerated() {
            let next = todayNumber + 1 + Int64(index)
            let dates = (0..<meetingsPerTable).map { next - 28 * Int64(meetingsPerTable - 1 - $0) } + [next + 28]
            let first = dates[0]
            steps.append(Step(at: Self.moment(first - 30, hour: 9), order: steps.count) { loader in
                try await loader.schedule(stadsdeel, day: first)
            })
            for (number, day) in dates.dropLast().enumerated() {
                let following = dates[number + 1]
                let held = day < todayNumber
                steps += [
                    Step(at: Self.moment(day - 20, hour: 9), order: steps.count) { try await $0.raiseDossiers(stadsdeel, count: number == 0 ? 3 : 1 + $0.random.next(2), meetingDay: day) },
                    Step(at: Self.moment(day - 18, hour: 10), order: steps.count) { try await $0.schedule(stadsdeel, day: following) },
                    Step(at: Self.moment(day - 14, hour: 11), order: steps.count) { try await $0.prepareAgenda(stadsdeel, day: day) },
                    Step(at: Self.moment(day - 9, hour: 14), order: steps.count) { try await $0.reportStatuses(stadsdeel) },
                ]
                if held {
                    steps.append(Step(at: Self.moment(day, hour: 10), order: steps.count) { try await $0.holdMeeting(stadsdeel, day: day) })
                    steps.append(Step(at: Self.moment(day + 7, hour: 15), order: steps.count) { try await $0.reportStatuses(stadsdeel) })
                    steps.append(Step(at: Self.moment(day + 12, hour: 9), order: steps.count) { try await $0.followUp(stadsdeel, day: day + 12) })
                }
            }
        }
        for step in steps.filter({ $0.at < now }).sorted(by: { ($0.at, $0.order) < ($1.at, $1.order) }) {
            clock.set(step.at)
            try await step.action(self)
        }
        clock.set(nil)
        try await tendActielijst(today: today)
    }

    /// The actielijst as it stands at the end of the year: per table, the regisseur gives one
    /// open decision (an overdue one when there is one) a new due date and withdraws
    /// another, and the owners report progress on every third of those still open. Done after the
    /// year, without the random source, so that the year itself (and what the guide points
    /// at) stays as it was.
    func tendActielijst(today: String) async throws {
        guard let todayNumber = CivilDate.days(of: today) else { return }
        let model = await service.model
        for stadsdeel in stadsdelen {
            let open = model.decisions.values.filter { $0.tableId == stadsdeel.slug && $0.isOpen }.sorted { $0.decisionId < $1.decisionId }
            let candidates = open.filter { $0.isOverdue(today: today) } + open.filter { !$0.isOverdue(today: today) }
            if let first = candidates.first {
                let due = Self.date(todayNumber + 21) == first.due ? Self.date(todayNumber + 22) : Self.date(todayNumber + 21)
                try await run(
                    .rescheduleDecision(decisionId: first.decisionId, due: due, reason: "Afhankelijk van een andere partij; nieuwe termijn afgesproken."),
                    by: regisseur(stadsdeel))
            }
            if candidates.count > 1 {
                try await run(
                    .withdrawDecision(decisionId: candidates[1].decisionId, reason: "Ingehaald door een nieuw besluit van de tafel."), by: regisseur(stadsdeel))
            }
            let withdrawn = candidates.count > 1 ? candidates[1].decisionId : nil
            let reporting = open.filter { $0.decisionId != withdrawn }
            for (index, decision) in reporting.enumerated() where index % 3 == 0 {
                try await run(
                    .reportDecisionProgress(decisionId: decision.decisionId, status: index % 2 == 0 ? "in_progress" : "blocked", note: "Uitvoering loopt; stand van zaken gemeld."),
                    by: member(of: decision.ownerDepartment))
            }
        }
    }

    /// 09:00 (or `hour`) Amsterdam winter time of day number `day`, in milliseconds.
    static func moment(_ day: Int64, hour: Int64) -> Int64 { day * Self.day + (hour - 1) * 3_600_000 }

    static func date(_ day: Int64) -> String {
        let (year, month, dayOfMonth) = CivilDate.fromDays(day)
        return CivilDate.format(year: year, month: month, day: dayOfMonth)
    }

    static func meetingId(_ stadsdeel: Stadsdeel, _ day: Int64) -> String { "\(stadsdeel.slug)-\(date(day))" }

    func schedule(_ stadsdeel: Stadsdeel, day: Int64) async throws {
        let id = Self.meetingId(stadsdeel, day)
        guard await service.model.meetings[id] == nil else { return }
        try await run(.scheduleMeeting(meetingId: id, tableId: stadsdeel.slug, date: Self.date(day), location: "Stadhuis, Markt 78"), by: regisseur(stadsdeel))
    }

    func raiseDossiers(_ stadsdeel: Stadsdeel, count: Int, meetingDay: Int64) async throws {
        for _ in 0..<count {
            let model = await service.model
            let theme = DemoCatalogue.themes[random.next(DemoCatalogue.themes.count)]
            let area = buurt(in: stadsdeel, of: model)
            let number = (dossierCounter[stadsdeel.slug] ?? 0) + 1
            dossierCounter[stadsdeel.slug] = number
            let dossierId = "\(stadsdeel.slug)-\(String(format: "%03d", number))"
            let lead = theme.lead
            let raisedBy = random.chance(30) ? member(of: lead) : regisseur(stadsdeel)
            let deadline = Self.date(meetingDay + 21 + Int64(random.next(100)))
            let title = String(format: theme.title, area?.name ?? stadsdeel.name)
            guard try await run(
                .raiseDossier(dossierId: dossierId, tableId: stadsdeel.slug, title: title, summary: theme.summary, area: area?.code, deadline: deadline),
                by: raisedBy)
            else { continue }
            try await run(.assignDepartment(dossierId: dossierId, departmentId: lead, role: "lead"), by: regisseur(stadsdeel))
            for contributor in theme.contributors.map({ $0 == "corporation" ? stadsdeel.corporation : $0 }) where contributor != lead {
                try await run(.assignDepartment(dossierId: dossierId, departmentId: contributor, role: "contributor"), by: regisseur(stadsdeel))
            }
        }
    }

    /// Puts the table's open dossiers not yet on it on the meeting's agenda (at most six
    /// items), and now and then a topic.
    func prepareAgenda(_ stadsdeel: Stadsdeel, day: Int64) async throws {
        let id = Self.meetingId(stadsdeel, day)
        let model = await service.model
        guard let meeting = model.meetings[id], !meeting.closed else { return }
        let present = Set(meeting.items.compactMap(\.dossierId))
        let candidates = model.dossiers.values.filter { $0.tableId == stadsdeel.slug && !$0.closed && !present.contains($0.dossierId) }
            .sorted { ($0.deadline ?? "", $0.dossierId) < ($1.deadline ?? "", $1.dossierId) }
        var count = meeting.items.count
        for dossier in candidates where count < 6 {
            if try await run(.addAgendaItem(meetingId: id, itemId: "item-\(dossier.dossierId)", dossierId: dossier.dossierId, topic: nil), by: regisseur(stadsdeel)) {
                count += 1
            }
        }
        if random.chance(40) {
            let topic = DemoCatalogue.topics[random.next(DemoCatalogue.topics.count)]
            try await run(.addAgendaItem(meetingId: id, itemId: "topic-\(random.next(1_000_000))", dossierId: nil, topic: topic), by: regisseur(stadsdeel))
        }
        if count > 2, random.chance(30), let last = await service.model.meetings[id]?.items.last {
            try await run(.moveAgendaItem(meetingId: id, itemId: last.itemId, position: 1), by: regisseur(stadsdeel))
        }
    }

    /// Each assigned department moves its status on now and then, with a note.
    func reportStatuses(_ stadsdeel: Stadsdeel) async throws {
        let model = await service.model
        for dossier in model.dossiers.values.filter({ $0.tableId == stadsdeel.slug && !$0.closed }).sorted(by: { $0.dossierId < $1.dossierId }) {
            for part in dossier.departments where random.chance(55) {
                let next: String
                switch part.status {
                case "open": next = random.chance(85) ? "in_progress" : "blocked"
                case "in_progress": next = random.chance(55) ? "done" : (random.chance(30) ? "blocked" : "in_progress")
                case "blocked": next = random.chance(60) ? "in_progress" : "blocked"
                default: continue
                }
                let notes = DemoCatalogue.notes[next] ?? []
                try await run(
                    .updateStatus(dossierId: dossier.dossierId, departmentId: part.departmentId, status: next, note: notes[random.next(notes.count)]),
                    by: member(of: part.departmentId))
            }
        }
    }

    /// The table meets: most items are discussed, decisions are taken, now and then a dossier
    /// is escalated; undiscussed items carry over when the meeting closes.
    func holdMeeting(_ stadsdeel: Stadsdeel, day: Int64) async throws {
        let id = Self.meetingId(stadsdeel, day)
        guard let meeting = await service.model.meetings[id], !meeting.closed else { return }
        let regisseur = regisseur(stadsdeel)
        for item in meeting.items where random.chance(75) {
            try await run(.recordDiscussion(meetingId: id, itemId: item.itemId, notes: "Besproken; acties vastgelegd."), by: regisseur)
        }
        let model = await service.model
        let onAgenda = meeting.items.compactMap { $0.dossierId.flatMap { model.dossiers[$0] } }.filter { !$0.closed }
        for dossier in onAgenda.prefix(1 + random.next(2)) {
            guard let owner = dossier.departments.first(where: { $0.role == "lead" })?.departmentId else { continue }
            decisionCounter += 1
            let text = DemoCatalogue.decisionTexts[random.next(DemoCatalogue.decisionTexts.count)]
            try await run(
                .takeDecision(decisionId: "besluit-\(String(format: "%04d", decisionCounter))", meetingId: id, text: text, ownerDepartment: owner,
                    dossierId: dossier.dossierId, due: Self.date(day + 14 + Int64(random.next(42)))),
                by: regisseur)
        }
        if let candidate = onAgenda.first(where: { $0.openEscalation == nil }), random.chance(20) {
            let to = random.chance(80) ? "stadsdeelwethouder" : "college"
            let reason = DemoCatalogue.escalationReasons[random.next(DemoCatalogue.escalationReasons.count)]
            try await run(.escalate(dossierId: candidate.dossierId, to: to, reason: reason), by: regisseur)
        }
        try await run(.closeMeeting(meetingId: id), by: regisseur)
    }

    /// After a meeting: owners complete decisions, the wethouder settles escalations, the
    /// regisseur closes what is done and now and then reopens what came back.
    func followUp(_ stadsdeel: Stadsdeel, day: Int64) async throws {
        let model = await service.model
        let today = Self.date(day)
        let meetings = Set(model.meetings.values.filter { $0.tableId == stadsdeel.slug }.map(\.meetingId))
        for decision in model.decisions.values.filter({ meetings.contains($0.meetingId) && $0.isOpen }).sorted(by: { $0.decisionId < $1.decisionId }) {
            guard let due = decision.due, due <= today || random.chance(30), random.chance(65) else { continue }
            try await run(.completeDecision(decisionId: decision.decisionId, note: "Uitgevoerd zoals afgesproken."), by: member(of: decision.ownerDepartment))
        }
        for dossier in model.dossiers.values.filter({ $0.tableId == stadsdeel.slug }).sorted(by: { $0.dossierId < $1.dossierId }) {
            if dossier.openEscalation != nil, random.chance(60) {
                try await run(.resolveEscalation(dossierId: dossier.dossierId, outcome: "Besloten: aanpak akkoord, budget toegekend."), by: wethouder(stadsdeel))
            } else if dossier.overallStatus == "done", random.chance(80) {
                try await run(.closeDossier(dossierId: dossier.dossierId, resolution: "Alle partijen gereed; effect wordt gemonitord."), by: regisseur(stadsdeel))
            } else if dossier.closed, random.chance(3) {
                try await run(.reopenDossier(dossierId: dossier.dossierId, reason: "Nieuwe meldingen van bewoners."), by: regisseur(stadsdeel))
            }
        }
    }
}
