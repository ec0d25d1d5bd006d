import EventStore
import Events
import Projections

extension CoordinationService {
    /// Answers `query` as `authenticated`, from the projections (or, for `asOf`/`atPosition`,
    /// from a replay up to that moment). Checks run in the order of the RPC reference: params, then
    /// unknown objects, then role and scope. An as-of query first passes the same checks on
    /// the live model, so that an unknown object or one outside the caller's scope costs no
    /// replay.
    /// - Throws: ``DomainError`` or a store error (history reads, verification).
    ///
    /// The principal is judged as the model holds it now (``current(_:)``), and again after
    /// an as-of replay, which awaits the store: a revocation or a narrowed scope applied
    /// meanwhile holds for this answer too.
    package func answer(_ query: Query, by authenticated: ActingPrincipal) async throws -> JSONValue {
        try QueryValidation.validate(query)
        await fetchMissingTexts()
        var principal = try current(authenticated)
        try admitBeforeReplay(query, by: principal)
        switch query {
        case let .agenda(tableId, meetingId, moment, today):
            let (state, day) = try await state(at: moment, today: today)
            principal = try current(authenticated)
            let scope = ReadScope(principal: principal, model: model)
            guard let table = state.tables[tableId] else { throw DomainError.notFound("no table \(tableId)") }
            if let meetingId, state.meetings[meetingId]?.tableId != tableId {
                throw DomainError.notFound("no meeting \(meetingId) of table \(tableId)")
            }
            if meetingId == nil, state.upcomingMeeting(ofTable: tableId, today: day) == nil {
                throw DomainError.notFound("table \(tableId) has no meeting on or after \(day) that is neither closed nor cancelled")
            }
            guard scope.mayRead(table: table) else { throw DomainError.forbidden("\(principal.principalId) may not read table \(tableId)") }
            guard let agenda = AgendaView.render(
                tableId: tableId, meetingId: meetingId, in: state, today: day, mayRead: scope.mayRead(dossier:),
                mayReadTitle: scope.mayReadTitle(of:), mayReadDecision: scope.mayRead(decision:), texts: vault)
            else {
                throw DomainError.notFound("table \(tableId) has no meeting on or after \(day) that is neither closed nor cancelled")
            }
            return agenda
        case let .dossier(dossierId, moment, today):
            let (state, day) = try await state(at: moment, today: today)
            principal = try current(authenticated)
            guard let dossier = state.dossiers[dossierId], let view = DossierView.render(dossierId, in: state, today: day, texts: vault) else {
                throw DomainError.notFound("no dossier \(dossierId)")
            }
            guard ReadScope(principal: principal, model: model).mayRead(dossier: dossier) else {
                throw DomainError.forbidden("\(principal.principalId) may not read dossier \(dossierId)")
            }
            return view
        case let .dossierList(filter, moment, today, limit, cursor):
            let (state, day) = try await state(at: moment, today: today)
            principal = try current(authenticated)
            let scope = ReadScope(principal: principal, model: model)
            try admitDossierFilter(filter, in: state, scope: scope)
            // The kept order holds the live model's dossiers; a past model is sorted afresh,
            // so that no later dossier moves a page or its cursor.
            var ordered: [String]?
            if moment == .live {
                dossierOrder.update(with: model.raisedDossiers)
                ordered = dossierOrder.ids
            }
            return DossierListView.render(
                filter, in: state, today: day, limit: limit, after: cursor, ordered: ordered,
                visible: scope.mayRead(dossier:), texts: vault)
        case let .decisionList(filter, moment, today, limit, cursor):
            let (state, day) = try await state(at: moment, today: today)
            principal = try current(authenticated)
            let scope = ReadScope(principal: principal, model: model)
            try admitDecisionFilter(filter, in: state, scope: scope)
            return DecisionListView.render(
                filter, in: state, today: day, limit: limit, after: cursor.flatMap(DecisionListView.Cursor.init),
                visible: scope.mayRead(decision:), texts: vault)
        case let .departmentOverview(departmentId, moment, today):
            let (state, day) = try await state(at: moment, today: today)
            principal = try current(authenticated)
            try admitOverview(of: departmentId, in: state, by: principal)
            let scope = ReadScope(principal: principal, model: model)
            return DepartmentOverviewView.render(
                departmentId, in: state, today: day, visible: scope.mayRead(dossier:),
                visibleDecision: scope.mayRead(decision:), texts: vault)
        case let .dashboard(stadsdeel, moment, today):
            let (state, day) = try await state(at: moment, today: today)
            principal = try current(authenticated)
            try admitDashboard(of: stadsdeel, in: state, scope: ReadScope(principal: principal, model: model))
            return DashboardView.render(stadsdeel, in: state, today: day)
        case let .auditTrail(selection, from, until, limit, cursor):
            return try await auditTrail(selection, from: from, until: until, limit: limit, cursor: cursor, by: principal)
        case .auditVerify:
            let report = try await verifyChain()
            return .object([
                ("ok", .bool(report.ok)),
                ("checked", .int(report.checked)),
                ("head", .object([("position", .int(report.checked)), ("hash", .string(report.headHash))])),
                ("firstBad", report.firstBad.map(JSONValue.int) ?? .null),
                ("fault", report.fault.map(JSONValue.string) ?? .null),
            ])
        case let .searchTexts(term):
            guard principal.role == .privacy else { throw DomainError.forbidden("privacy.search is for the privacy officer") }
            return searchTexts(term)
        case let .readEvents(fromPosition, limit):
            guard principal.role == .admin || principal.role == .auditor else {
                throw DomainError.forbidden("events.read is for auditors and admins")
            }
            let page = try await store.read(from: fromPosition, limit: limit + 1)
            let next: JSONValue = page.count > limit ? .int(page[limit].position) : .null
            return .object([("events", .array(page.prefix(limit).map(redacted))), ("nextCursor", next)])
        case .tableList, .departmentList, .areaList, .principalMe:
            return try referenceData(query, by: principal)
        case let .meetingList(tableId, from, until, status, moment):
            let (state, _) = try await state(at: moment, today: nil)
            principal = try current(authenticated)
            let scope = ReadScope(principal: principal, model: model)
            guard let table = state.tables[tableId] else { throw DomainError.notFound("no table \(tableId)") }
            guard scope.mayRead(table: table) else { throw DomainError.forbidden("\(principal.principalId) may not read table \(tableId)") }
            return MeetingListView.render(tableId: tableId, in: state, from: from, until: until, status: status, mayReadDecision: scope.mayRead(decision:))
        case let .meetingGet(meetingId, moment):
            let (state, day) = try await state(at: moment, today: nil)
            principal = try current(authenticated)
            let scope = ReadScope(principal: principal, model: model)
            guard let meeting = state.meetings[meetingId], let table = state.tables[meeting.tableId] else {
                throw DomainError.notFound("no meeting \(meetingId)")
            }
            guard scope.mayRead(table: table) else { throw DomainError.forbidden("\(principal.principalId) may not read table \(table.tableId)") }
            guard let verslag = MeetingView.render(
                meetingId, in: state, today: day, mayRead: scope.mayRead(dossier:), mayReadTitle: scope.mayReadTitle(of:),
                mayReadDecision: scope.mayRead(decision:), texts: vault)
            else { throw DomainError.notFound("no meeting \(meetingId)") }
            return verslag
        case let .reads(selection, from, until, limit, cursor):
            return try await reads(selection, from: from, until: until, limit: limit, cursor: cursor, by: principal)
        }
    }

    func auditTrail(
        _ selection: AuditSelection, from: Timestamp?, until: Timestamp?, limit: Int, cursor: Int64?, by principal: ActingPrincipal
    ) async throws -> JSONValue {
        let scope = ReadScope(principal: principal, model: model)
        let positions: [Int64]
        switch selection {
        case let .stream(stream):
            guard let found = audit.byStream[stream] else { throw DomainError.notFound("no stream \(stream)") }
            guard scope.mayReadStream(stream) else { throw DomainError.forbidden("\(principal.principalId) may not read \(stream)") }
            positions = scope.visible(found, ofStream: stream, audit: audit)
        case let .dossier(dossierId):
            guard let dossier = model.dossiers[dossierId] else { throw DomainError.notFound("no dossier \(dossierId)") }
            guard scope.mayRead(dossier: dossier) else { throw DomainError.forbidden("\(principal.principalId) may not read dossier \(dossierId)") }
            positions = audit.byDossier[dossierId] ?? []
        case let .actor(actor):
            guard let found = audit.byActor[actor] ?? (model.principals[actor] != nil ? [] : nil) else {
                throw DomainError.notFound("no principal \(actor)")
            }
            guard scope.readsEverything || actor == principal.principalId else {
                throw DomainError.forbidden("only auditors and admins read another principal's trail")
            }
            positions = found
        }
        let page = audit.page(positions, from: from, until: until, startingAt: cursor ?? 1, limit: limit)
        let envelopes = try await envelopes(at: page.positions).filter(scope.mayRead)
        return .object([("events", .array(envelopes.map(trailEntry))), ("nextCursor", page.next.map { .string(String($0)) } ?? .null)])
    }

    /// Events a span of an `audit.trail` read may bring beyond twice the ones it wants.
    static let spanSlack: Int64 = 32

    /// The envelopes at `positions` (ascending), read in spans: a span takes in the next
    /// position while it reads at most twice the events it wants plus ``spanSlack``, so a
    /// trail interleaved with other events costs a few reads rather than one per event (a
    /// PostgreSQL round trip each), and no read brings much more than it was asked for.
    func envelopes(at positions: [Int64]) async throws -> [EventEnvelope] {
        var result: [EventEnvelope] = []
        var index = 0
        while index < positions.count {
            var end = index
            while end + 1 < positions.count, positions[end + 1] - positions[index] + 1 <= 2 * Int64(end + 2 - index) + Self.spanSlack {
                end += 1
            }
            let wanted = Set(positions[index...end])
            let span = try await store.read(from: positions[index], limit: Int(positions[end] - positions[index] + 1))
            result += span.filter { wanted.contains($0.position) }
            index = end + 1
        }
        return result
    }

    /// Refuses an as-of query on the live model where that needs no replay: an object that
    /// does not exist now never existed (nothing is deleted), and scope is judged on the
    /// caller's current rights.
    func admitBeforeReplay(_ query: Query, by principal: ActingPrincipal) throws(DomainError) {
        let scope = ReadScope(principal: principal, model: model)
        switch query {
        case let .agenda(tableId, meetingId, moment, _) where moment != .live:
            guard let table = model.tables[tableId] else { throw DomainError.notFound("no table \(tableId)") }
            if let meetingId, model.meetings[meetingId]?.tableId != tableId {
                throw DomainError.notFound("no meeting \(meetingId) of table \(tableId)")
            }
            guard scope.mayRead(table: table) else { throw DomainError.forbidden("\(principal.principalId) may not read table \(tableId)") }
        case let .meetingList(tableId, _, _, _, moment) where moment != .live:
            guard let table = model.tables[tableId] else { throw DomainError.notFound("no table \(tableId)") }
            guard scope.mayRead(table: table) else { throw DomainError.forbidden("\(principal.principalId) may not read table \(tableId)") }
        case let .meetingGet(meetingId, moment) where moment != .live:
            guard let meeting = model.meetings[meetingId], let table = model.tables[meeting.tableId] else {
                throw DomainError.notFound("no meeting \(meetingId)")
            }
            guard scope.mayRead(table: table) else { throw DomainError.forbidden("\(principal.principalId) may not read table \(table.tableId)") }
        case let .dossier(dossierId, moment, _) where moment != .live:
            guard let dossier = model.dossiers[dossierId] else { throw DomainError.notFound("no dossier \(dossierId)") }
            guard scope.mayRead(dossier: dossier) else {
                throw DomainError.forbidden("\(principal.principalId) may not read dossier \(dossierId)")
            }
        case let .decisionList(filter, moment, _, _, _) where moment != .live:
            try admitDecisionFilter(filter, in: model, scope: scope)
        case let .dossierList(filter, moment, _, _, _) where moment != .live:
            try admitDossierFilter(filter, in: model, scope: scope)
        case let .departmentOverview(departmentId, moment, _) where moment != .live:
            try admitOverview(of: departmentId, in: model, by: principal)
        case let .dashboard(stadsdeel, moment, _) where moment != .live:
            try admitDashboard(of: stadsdeel, in: model, scope: scope)
        default:
            break
        }
    }

    /// The objects `decision.list` filters by must exist in `state` (-32004, also for a
    /// moment before one existed) and, for a table, meeting or dossier, be readable by the
    /// caller now (-32003). A stadsdeel outside the caller's scope lists nothing, as in `dossier.list`.
    func admitDecisionFilter(_ filter: DecisionFilter, in state: CoordinationModel, scope: ReadScope) throws(DomainError) {
        let principal = scope.principal.principalId
        if let departmentId = filter.ownerDepartment, state.departments[departmentId] == nil {
            throw DomainError.notFound("no department \(departmentId)")
        }
        if let stadsdeel = filter.stadsdeel, !isStadsdeel(stadsdeel, in: state) { throw DomainError.notFound("no stadsdeel \(stadsdeel)") }
        var tables: [String] = []
        if let tableId = filter.tableId {
            guard state.tables[tableId] != nil else { throw DomainError.notFound("no table \(tableId)") }
            tables.append(tableId)
        }
        if let meetingId = filter.meetingId {
            guard let meeting = state.meetings[meetingId] else { throw DomainError.notFound("no meeting \(meetingId)") }
            tables.append(meeting.tableId)
        }
        var dossier: DossierRecord?
        if let dossierId = filter.dossierId {
            guard let found = state.dossiers[dossierId] else { throw DomainError.notFound("no dossier \(dossierId)") }
            dossier = found
        }
        for tableId in tables {
            guard let table = model.tables[tableId] ?? state.tables[tableId], scope.mayRead(table: table) else {
                throw DomainError.forbidden("\(principal) may not read table \(tableId)")
            }
        }
        if let dossier, !scope.mayRead(dossier: dossier) {
            throw DomainError.forbidden("\(principal) may not read dossier \(dossier.dossierId)")
        }
    }

    /// The model a query reads and the `today` it judges `overdue` by.
    func state(at moment: Moment, today: String?) async throws -> (CoordinationModel, String) {
        if case .live = moment { return (model, today ?? Self.today()) }
        let snapshot = try await replay(until: moment)
        return (snapshot.model, today ?? snapshot.moment.amsterdamDate)
    }

    /// The model as it stood at `moment`, replayed from the nearest checkpoint; the
    /// checkpoints this replay left or refuted are kept for the next one.
    package func replay(until moment: Moment) async throws -> HistoricalState.Snapshot {
        var cache = checkpoints
        let snapshot = try await HistoricalState.replay(store, until: moment, checkpoints: &cache)
        checkpoints = cache
        return snapshot
    }

    /// Verifies the chain after the point verified last time (from position 1 the first
    /// time, or when the event at that point no longer holds its hash), and remembers how
    /// far it holds.
    func verifyChain() async throws -> ChainVerifier.Report {
        let start = verified
        let report: ChainVerifier.Report
        if let continued = try await ChainVerifier.verify(store, after: start) {
            report = continued
        } else {
            report = try await ChainVerifier.verify(store)
        }
        if report.checked >= verified.position || verified == start { verified = report.anchor }
        return report
    }

    /// The server's date in Europe/Amsterdam.
    static func today() -> String { Timestamp.now().amsterdamDate }
}
