import Coordination
import EventStore
import Events
import Projections

/// `tafel replay --store S (--until TIME | --position P) [--dossier ID | --table ID
/// [--meeting M]] [--today YYYY-MM-DD]`: the state as it was at a past moment, for
/// auditors, printed as JSON in the shapes of `dossier.get` and `agenda.get`.
///
/// `overdue` is judged as of that moment: `today` defaults to its date in Europe/Amsterdam.
/// Free texts show as they are now, as in the server's as-of answers: an erased text is
/// `null` with its `erased` marker, also when the erasure came after that moment.
enum ReplayCommand {
    static func run(_ arguments: Arguments) async throws -> Int32 {
        try arguments.requireOnly(["store", "until", "position", "dossier", "table", "meeting", "today"])
        let position = try arguments.value("position").map { text -> Int64 in
            guard let value = Int64(text), value >= 0 else { throw CLIError("--position takes a whole number", exitCode: 2) }
            return value
        }
        let until = try arguments.value("until").map { text -> Timestamp in
            guard let time = Timestamp(iso8601: text) else { throw CLIError("--until takes an ISO 8601 time, e.g. 2026-03-31T23:59:59Z", exitCode: 2) }
            return time
        }
        guard (position == nil) != (until == nil) else { throw CLIError("give exactly one of --until and --position", exitCode: 2) }
        let store = try await StoreOpener.open(StoreOpener.location(arguments), create: false)
        let snapshot: HistoricalState.Snapshot
        let texts: TextVault
        do {
            snapshot = try await HistoricalState.replay(store, until: position.map(Moment.atPosition) ?? .asOf(until!))
            texts = try await ReplayTexts.load(for: snapshot.model, from: store)
        } catch {
            await store.close()
            throw error
        }
        await store.close()
        let model = snapshot.model
        let moment = snapshot.moment
        let today = arguments.value("today") ?? moment.amsterdamDate
        var answer: [(String, JSONValue)] = [("position", .int(model.position)), ("today", .string(today))]
        if let dossierId = arguments.value("dossier") {
            guard let view = DossierView.render(dossierId, in: model, today: today, texts: texts) else {
                throw CLIError("dossier \(dossierId) did not exist at position \(model.position)")
            }
            answer.append(("dossier", view))
        } else if let tableId = arguments.value("table") {
            // The operator reads the store's files directly: every item in full.
            guard let view = AgendaView.render(
                tableId: tableId, meetingId: arguments.value("meeting"), in: model, today: today, mayRead: { _ in true },
                mayReadTitle: { _ in true }, mayReadDecision: { _ in true }, texts: texts)
            else {
                throw CLIError("table \(tableId) had no such (open) meeting at position \(model.position)")
            }
            answer.append(("agenda", view))
        } else {
            answer.append(("dossiers", .int(Int64(model.dossiers.count))))
            answer.append(("meetings", .int(Int64(model.meetings.count))))
            answer.append(("decisions", .int(Int64(model.decisions.count))))
        }
        print(JSONValue.object(answer).canonicalString)
        return 0
    }
}
