import Coordination
import EventStore
import Events

/// Turns each answered query that returned dossier data into one read record and hands it
/// to the read log's writer (which batches; the reply never waits for the log).
///
/// The dossiers are taken from the answer itself — every `dossierId` it holds, at any depth
/// (items of an agenda or list, envelopes' bodies) — so a record names exactly the dossiers
/// whose data left the server, never the params that asked for them. An answer without a
/// dossier (an empty page, a dashboard of counts) writes no record: no personal data of a
/// dossier was processed. A refused call returns none either and is not recorded.
package struct ReadRecorder: Sendable {
    package let writer: ReadLogWriter
    package let activities: ProcessingActivities
    let recorded: Set<String>

    package init(writer: ReadLogWriter, activities: ProcessingActivities = .defaults) {
        self.writer = writer
        self.activities = activities
        self.recorded = ProcessingActivities.recordedMethods
    }

    func record(method: String, principal: ActingPrincipal, trace: TraceContext, spanId: String, started: Timestamp, answer: JSONValue) {
        guard recorded.contains(method) else { return }
        var ids = Set<String>()
        Self.collectDossierIds(answer, into: &ids)
        guard !ids.isEmpty else { return }
        writer.submit(ReadRecord(
            traceId: trace.traceId, spanId: spanId, name: method, startTime: started, endTime: Timestamp.now(), statusCode: "OK",
            actor: principal.principalId, role: principal.role.rawValue, dossierIds: Array(ids),
            processingActivityId: activities.id(for: method)))
    }

    static func collectDossierIds(_ value: JSONValue, into ids: inout Set<String>) {
        switch value {
        case let .object(members):
            for (key, member) in members {
                if key == "dossierId", case let .string(id) = member { ids.insert(id) } else { collectDossierIds(member, into: &ids) }
            }
        case let .array(elements):
            for element in elements { collectDossierIds(element, into: &ids) }
        default:
            break
        }
    }
}
