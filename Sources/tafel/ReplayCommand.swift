import EventStore
import Events
import Foundation
import Projections

/// `tafel replay --store S (--until TIME | --position P) [--dossier ID | --table ID
/// [--meeting M]] [--today YYYY-MM-DD]`: the state as it was at a past moment, for
/// auditors, printed as JSON in the shapes of `dossier.get` and `agenda.get`.
///
/// `overdue` is judged as of that moment: `today` defaults to its date in Europe/Amsterdam.
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
        var model = CoordinationModel()
        var moment = until ?? Timestamp(millisecondsSinceEpoch: 0)
        do {
            var done = false
            try await store.readAll { page in
                for envelope in page where !done {
                    if let position, envelope.position > position { done = true; break }
                    if let until, envelope.recordedAt > until { done = true; break }
                    model.apply(envelope)
                    if until == nil { moment = envelope.recordedAt }
                }
            }
        } catch {
            await store.close()
            throw error
        }
        await store.close()
        let today = arguments.value("today") ?? amsterdamDate(of: moment)
        var answer: [(String, JSONValue)] = [("position", .int(model.position)), ("today", .string(today))]
        if let dossierId = arguments.value("dossier") {
            guard let view = DossierView.render(dossierId, in: model, today: today) else {
                throw CLIError("dossier \(dossierId) did not exist at position \(model.position)")
            }
            answer.append(("dossier", view))
        } else if let tableId = arguments.value("table") {
            guard let view = AgendaView.render(tableId: tableId, meetingId: arguments.value("meeting"), in: model, today: today) else {
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

    /// The calendar date of `moment` in Europe/Amsterdam.
    static func amsterdamDate(of moment: Timestamp) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam") ?? TimeZone(secondsFromGMT: 3600)!
        let date = Date(timeIntervalSince1970: Double(moment.millisecondsSinceEpoch) / 1000)
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return "\(parts.year ?? 1970)-\(two(parts.month))-\(two(parts.day))"
    }
}
