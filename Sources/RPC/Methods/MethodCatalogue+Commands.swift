import Coordination
import Events

extension MethodCatalogue {
    static let roles = ParamType.oneOf(Role.allCases.map(\.rawValue))

    /// Every command of the RPC reference, in its order.
    static let commands: [MethodDescriptor] = administration + dossiers + meetings + privacy

    static let privacy: [MethodDescriptor] = [
        .command("privacy.erase", "Erases free texts (personal data) from beside the log: every text ever written for a dossier, or one text by its ref; the hashed events keep only digests. The result adds `erased`, the number of texts erased.", allowed: "privacy, admin", [
            .optional("dossierId", .identifier, "The dossier whose texts to erase (its own, its agenda items' discussion notes, its decisions'). Exactly one of dossierId and ref."),
            .optional("ref", .text, "One text's reference (as privacy.search names it)."),
            .optional("fields", .identifiers, "Only texts in these fields (summary, note, notes, reason, outcome, resolution, text); default every free text."),
            .required("reason", .longText, "Why (e.g. the request's legal ground); kept in the log, so no personal data."),
            .optional("requestRef", .text, "The reference of the request it answers (a case number)."),
        ], rules: false, result: ResultSchemas.erasureResult) { p throws(DomainError) in
            let fields: [String]? = p.values["fields"] == nil ? nil : p.strings("fields")
            return .command(
                .erasePersonalData(dossierId: p.string("dossierId"), ref: p.string("ref"), fields: fields, reason: p.text("reason"),
                    requestRef: p.string("requestRef")), created: nil, token: nil)
        },
    ]

    static let administration: [MethodDescriptor] = [
        .command("area.define", "Defines a stadsdeel, wijk or buurt of the municipality's area tree.", allowed: "admin", [
            .required("code", .areaCode, "CBS code (GM…, WK…, BU…) or municipal stadsdeel code (SD-…)."),
            .required("name", .text, "The area's name."),
            .required("kind", .oneOf(["stadsdeel", "wijk", "buurt"]), "What kind of area it is."),
            .optional("parent", .areaCode, "The area it lies in."),
        ]) { p throws(DomainError) in
            .command(.defineArea(code: p.text("code"), name: p.text("name"), kind: p.text("kind"), parent: p.string("parent")), created: nil, token: nil)
        },
        .command("department.register", "Registers a department or a partner organisation.", allowed: "admin", [
            .required("departmentId", .identifier, "The department's id."),
            .required("name", .text, "The department's name."),
            .optional("external", .boolean, "True for a partner organisation (police, housing corporation)."),
        ]) { p throws(DomainError) in
            .command(.registerDepartment(departmentId: p.text("departmentId"), name: p.text("name"), external: p.bool("external") ?? false), created: nil, token: nil)
        },
        .command("principal.register", "Registers (or re-keys) a principal; the result holds its token, shown this once.", allowed: "admin", [
            .required("principalId", .identifier, "The principal's id."),
            .required("name", .text, "The person's or system's name."),
            .required("role", roles, "admin, regisseur, department, partner, auditor, wethouder or privacy."),
            .optional("stadsdelen", .areaCodes, "The stadsdelen a regisseur or wethouder works for."),
            .optional("departments", .identifiers, "The departments a department or partner principal acts for."),
        ]) { p throws(DomainError) in
            guard let role = Role(rawValue: p.text("role")) else {
                throw DomainError(.invalidParams, "role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))", fields: ["role"])
            }
            let token = Token.generate()
            return .command(
                .registerPrincipal(principalId: p.text("principalId"), name: p.text("name"), role: role, stadsdelen: p.strings("stadsdelen"),
                    departments: p.strings("departments"), tokenHash: Token.hash(token)), created: nil, token: token)
        },
        .command("principal.revoke", "Revokes a principal's token.", allowed: "admin", [
            .required("principalId", .identifier, "The principal to revoke."),
        ]) { p throws(DomainError) in .command(.revokePrincipal(principalId: p.text("principalId")), created: nil, token: nil) },
        .command("table.establish", "Establishes a stadsdeeltafel.", allowed: "admin, regisseur of that stadsdeel", [
            .required("tableId", .identifier, "The table's id."),
            .required("name", .text, "The table's name."),
            .required("stadsdeel", .areaCode, "The stadsdeel the table is for."),
            .optional("members", .identifiers, "The member departments."),
        ]) { p throws(DomainError) in
            .command(.establishTable(tableId: p.text("tableId"), name: p.text("name"), stadsdeel: p.text("stadsdeel"), members: p.strings("members")), created: nil, token: nil)
        },
        .command("table.addMember", "Seats a department at a table.", allowed: "admin, regisseur", [
            .required("tableId", .identifier, "The table."), .required("departmentId", .identifier, "The department."),
        ]) { p throws(DomainError) in .command(.addTableMember(tableId: p.text("tableId"), departmentId: p.text("departmentId")), created: nil, token: nil) },
        .command("table.removeMember", "Removes a department from a table.", allowed: "admin, regisseur", [
            .required("tableId", .identifier, "The table."), .required("departmentId", .identifier, "The department."),
        ]) { p throws(DomainError) in .command(.removeTableMember(tableId: p.text("tableId"), departmentId: p.text("departmentId")), created: nil, token: nil) },
    ]

    static let dossiers: [MethodDescriptor] = [
        .command("dossier.raise", "Raises a cross-department dossier at a table.", allowed: "regisseur, department member of the table", [
            .required("tableId", .identifier, "The table."),
            .required("title", .text, "Short title."),
            .optional("summary", .longText, "What it is about."),
            .optional("area", .areaCode, "The wijk or buurt it concerns."),
            .optional("deadline", .date, "When it must be settled."),
            .optional("dossierId", .identifier, "Client-chosen id; generated (and returned) when omitted."),
        ]) { p throws(DomainError) in
            let (id, created) = MethodDescriptor.chosenId(p, "dossierId")
            return .command(.raiseDossier(dossierId: id, tableId: p.text("tableId"), title: p.text("title"), summary: p.string("summary"),
                area: p.string("area"), deadline: p.string("deadline")), created: created, token: nil)
        },
        .command("dossier.assign", "Assigns a department to a dossier.", allowed: "regisseur", [
            .required("dossierId", .identifier, "The dossier."), .required("departmentId", .identifier, "The department."),
            .optional("role", .oneOf(["lead", "contributor"]), "lead or contributor (default)."),
        ]) { p throws(DomainError) in
            .command(.assignDepartment(dossierId: p.text("dossierId"), departmentId: p.text("departmentId"), role: p.string("role") ?? "contributor"), created: nil, token: nil)
        },
        .command("dossier.unassign", "Takes a department off a dossier.", allowed: "regisseur", [
            .required("dossierId", .identifier, "The dossier."), .required("departmentId", .identifier, "The department."),
        ]) { p throws(DomainError) in .command(.unassignDepartment(dossierId: p.text("dossierId"), departmentId: p.text("departmentId")), created: nil, token: nil) },
        .command("dossier.updateStatus", "Sets one department's status on a dossier.", allowed: "that department (or regisseur)", [
            .required("dossierId", .identifier, "The dossier."), .required("departmentId", .identifier, "The department whose status this is."),
            .required("status", .oneOf(["open", "in_progress", "blocked", "done"]), "The new status."),
            .optional("note", .longText, "Why, or what happens next."),
        ]) { p throws(DomainError) in
            .command(.updateStatus(dossierId: p.text("dossierId"), departmentId: p.text("departmentId"), status: p.text("status"), note: p.string("note")), created: nil, token: nil)
        },
        .command("dossier.setDeadline", "Sets a dossier's deadline.", allowed: "regisseur", [
            .required("dossierId", .identifier, "The dossier."), .required("deadline", .date, "The new deadline."),
        ]) { p throws(DomainError) in .command(.setDeadline(dossierId: p.text("dossierId"), deadline: p.text("deadline")), created: nil, token: nil) },
        .command("dossier.escalate", "Escalates a dossier the table cannot settle.", allowed: "regisseur", [
            .required("dossierId", .identifier, "The dossier."),
            .required("to", .oneOf(["stadsdeelwethouder", "college", "directie"]), "Who it goes to."),
            .required("reason", .longText, "Why."),
        ]) { p throws(DomainError) in .command(.escalate(dossierId: p.text("dossierId"), to: p.text("to"), reason: p.text("reason")), created: nil, token: nil) },
        .command("dossier.resolveEscalation", "Records the outcome of a dossier's open escalation.", allowed: "wethouder, regisseur", [
            .required("dossierId", .identifier, "The dossier."), .required("outcome", .longText, "What was decided."),
        ]) { p throws(DomainError) in .command(.resolveEscalation(dossierId: p.text("dossierId"), outcome: p.text("outcome")), created: nil, token: nil) },
        .command("dossier.close", "Closes a dossier.", allowed: "regisseur", [
            .required("dossierId", .identifier, "The dossier."), .required("resolution", .longText, "How it was settled."),
        ]) { p throws(DomainError) in .command(.closeDossier(dossierId: p.text("dossierId"), resolution: p.text("resolution")), created: nil, token: nil) },
        .command("dossier.reopen", "Reopens a closed dossier.", allowed: "regisseur", [
            .required("dossierId", .identifier, "The dossier."), .required("reason", .longText, "Why."),
        ]) { p throws(DomainError) in .command(.reopenDossier(dossierId: p.text("dossierId"), reason: p.text("reason")), created: nil, token: nil) },
        .command("dossier.setConfidentiality", "Marks a dossier confidential, or lifts that: unassigned departments and partners no longer see what it is about.", allowed: "regisseur", [
            .required("dossierId", .identifier, "The dossier."),
            .required("confidential", .boolean, "True to mark it confidential, false to lift that."),
            .required("reason", .longText, "Why."),
        ]) { p throws(DomainError) in
            .command(.setConfidentiality(dossierId: p.text("dossierId"), confidential: p.bool("confidential") ?? false, reason: p.text("reason")), created: nil, token: nil)
        },
    ]

    static let meetings: [MethodDescriptor] = [
        .command("meeting.schedule", "Schedules a meeting of a table; undiscussed items of closed meetings carry over to it.", allowed: "regisseur", [
            .required("tableId", .identifier, "The table."), .required("date", .date, "The meeting date."),
            .optional("meetingId", .identifier, "Client-chosen id; generated (and returned) when omitted."),
            .optional("location", .text, "Where."),
        ]) { p throws(DomainError) in
            let (id, created) = MethodDescriptor.chosenId(p, "meetingId")
            return .command(.scheduleMeeting(meetingId: id, tableId: p.text("tableId"), date: p.text("date"), location: p.string("location")), created: created, token: nil)
        },
        .command("agenda.addItem", "Puts a dossier or a free topic on a meeting's agenda (exactly one of them).", allowed: "regisseur", [
            .required("meetingId", .identifier, "The meeting."),
            .optional("dossierId", .identifier, "The dossier to discuss."),
            .optional("topic", .text, "A topic without dossier."),
            .optional("itemId", .identifier, "Client-chosen id; generated (and returned) when omitted."),
            .optional("late", .boolean, "True to add an item after agenda.finalise (it is marked late); without it that is -32010 agenda_final."),
        ]) { p throws(DomainError) in
            let (id, created) = MethodDescriptor.chosenId(p, "itemId")
            return .command(
                .addAgendaItem(meetingId: p.text("meetingId"), itemId: id, dossierId: p.string("dossierId"), topic: p.string("topic"), late: p.bool("late") ?? false),
                created: created, token: nil)
        },
        .command("agenda.removeItem", "Takes an item off an open meeting's agenda.", allowed: "regisseur", [
            .required("meetingId", .identifier, "The meeting."), .required("itemId", .identifier, "The item."),
        ]) { p throws(DomainError) in .command(.removeAgendaItem(meetingId: p.text("meetingId"), itemId: p.text("itemId")), created: nil, token: nil) },
        .command("agenda.moveItem", "Moves an item to a 1-based position on the agenda.", allowed: "regisseur", [
            .required("meetingId", .identifier, "The meeting."), .required("itemId", .identifier, "The item."),
            .required("position", .integer, "The new 1-based position."),
        ]) { p throws(DomainError) in
            let position = p.integer("position") ?? 0
            guard position >= 1, position <= 10_000 else { throw DomainError(.invalidParams, "position must be 1 to 10000", fields: ["position"]) }
            return .command(.moveAgendaItem(meetingId: p.text("meetingId"), itemId: p.text("itemId"), position: Int(position)), created: nil, token: nil)
        },
        .command("meeting.recordDiscussion", "Records that an item was discussed, with notes.", allowed: "regisseur", [
            .required("meetingId", .identifier, "The meeting."), .required("itemId", .identifier, "The item."),
            .optional("notes", .longText, "What was said."),
        ]) { p throws(DomainError) in .command(.recordDiscussion(meetingId: p.text("meetingId"), itemId: p.text("itemId"), notes: p.string("notes")), created: nil, token: nil) },
        .command("meeting.close", "Closes a meeting; undiscussed items carry over to the table's next meeting.", allowed: "regisseur", [
            .required("meetingId", .identifier, "The meeting."),
        ]) { p throws(DomainError) in .command(.closeMeeting(meetingId: p.text("meetingId")), created: nil, token: nil) },
        .command("meeting.recordAttendance", "Records whether a member department was present, absent or excused, and who came for it.", allowed: "regisseur", [
            .required("meetingId", .identifier, "The meeting."), .required("departmentId", .identifier, "A department that sits at the table."),
            .required("presence", .oneOf(["present", "absent", "excused"]), "present, absent or excused."),
            .optional("delegate", .text, "Who attended for the department (personal data, erasable)."),
        ]) { p throws(DomainError) in
            .command(.recordAttendance(meetingId: p.text("meetingId"), departmentId: p.text("departmentId"), presence: p.text("presence"), delegate: p.string("delegate")), created: nil, token: nil)
        },
        .command("meeting.reschedule", "Moves a meeting that is neither closed nor cancelled to another date (and location).", allowed: "regisseur", [
            .required("meetingId", .identifier, "The meeting."), .required("date", .date, "The new date."),
            .optional("location", .text, "The new location; unchanged when omitted."), .required("reason", .longText, "Why."),
        ]) { p throws(DomainError) in
            .command(.rescheduleMeeting(meetingId: p.text("meetingId"), date: p.text("date"), location: p.string("location"), reason: p.text("reason")), created: nil, token: nil)
        },
        .command("meeting.cancel", "Cancels a meeting; its undiscussed items carry over to the table's next meeting as on closing.", allowed: "regisseur", [
            .required("meetingId", .identifier, "The meeting."), .required("reason", .longText, "Why."),
        ]) { p throws(DomainError) in .command(.cancelMeeting(meetingId: p.text("meetingId"), reason: p.text("reason")), created: nil, token: nil) },
        .command("agenda.finalise", "Makes a meeting's agenda final: an item added afterwards needs late: true and is marked late.", allowed: "regisseur", [
            .required("meetingId", .identifier, "The meeting."),
        ]) { p throws(DomainError) in .command(.finaliseAgenda(meetingId: p.text("meetingId")), created: nil, token: nil) },
        .command("meeting.approveMinutes", "Approves the verslag of a closed meeting; its notes then change only through meeting.amendNotes.", allowed: "regisseur", [
            .required("meetingId", .identifier, "A closed meeting."),
        ]) { p throws(DomainError) in .command(.approveMinutes(meetingId: p.text("meetingId")), created: nil, token: nil) },
        .command("meeting.amendNotes", "Corrects the discussion notes of an item, with the reason; the earlier notes stay in the log.", allowed: "regisseur", [
            .required("meetingId", .identifier, "The meeting."), .required("itemId", .identifier, "The item."),
            .required("notes", .longText, "The corrected notes."), .required("reason", .longText, "Why they change."),
        ]) { p throws(DomainError) in
            .command(.amendNotes(meetingId: p.text("meetingId"), itemId: p.text("itemId"), notes: p.text("notes"), reason: p.text("reason")), created: nil, token: nil)
        },
        .command("decision.take", "Records a decision of a meeting, owned by one department.", allowed: "regisseur", [
            .required("meetingId", .identifier, "The meeting."), .required("text", .longText, "The decision."),
            .required("ownerDepartment", .identifier, "The department that carries it out."),
            .optional("dossierId", .identifier, "The dossier it is about."),
            .optional("due", .date, "When it must be done."),
            .optional("decisionId", .identifier, "Client-chosen id; generated (and returned) when omitted."),
        ]) { p throws(DomainError) in
            let (id, created) = MethodDescriptor.chosenId(p, "decisionId")
            return .command(.takeDecision(decisionId: id, meetingId: p.text("meetingId"), text: p.text("text"), ownerDepartment: p.text("ownerDepartment"),
                dossierId: p.string("dossierId"), due: p.string("due")), created: created, token: nil)
        },
        .command("decision.complete", "Marks a decision as carried out.", allowed: "the owner department, regisseur", [
            .required("decisionId", .identifier, "The decision."), .optional("note", .longText, "How."),
        ]) { p throws(DomainError) in .command(.completeDecision(decisionId: p.text("decisionId"), note: p.string("note")), created: nil, token: nil) },
    ]
}
