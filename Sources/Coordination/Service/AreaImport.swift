import Events
import Foundation
import Projections

/// Reads a municipality's area tree from CSV in the layout of CBS's wijk- en buurtcijfers
/// export reduced to what Tafel needs — `code,name,kind,parent` with a header line — and
/// checks every row (shape, codes, hierarchy, duplicates) against the current areas before
/// anything is written, so that one bad row means nothing is imported.
package enum AreaImport {
    /// A bad row: its line number (1-based, header included) and why.
    package struct RowError: Error, Sendable, Equatable, CustomStringConvertible {
        package var line: Int
        package var reason: String
        package var description: String { "line \(line): \(reason)" }
    }

    /// The `area.define` commands of `csv`, in file order.
    /// - Throws: every bad row, not only the first.
    package static func commands(_ csv: String, on model: CoordinationModel) throws(AreaImportErrors) -> [Command] {
        var errors: [RowError] = []
        var commands: [Command] = []
        var scratch = model
        var position = model.position
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        guard let header = lines.first, header.lowercased().split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) == ["code", "name", "kind", "parent"] else {
            throw AreaImportErrors(rows: [RowError(line: 1, reason: "the header must be code,name,kind,parent")])
        }
        for (index, line) in lines.enumerated().dropFirst() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let number = index + 1
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == 4 else {
                errors.append(RowError(line: number, reason: "expected 4 fields, found \(fields.count)"))
                continue
            }
            let command = Command.defineArea(code: fields[0], name: fields[1], kind: fields[2], parent: fields[3].isEmpty ? nil : fields[3])
            do throws(DomainError) {
                try CommandValidation.validate(command)
                let decided = try Decider.decide(command, by: ActingPrincipal(principalId: "system", role: .admin), on: scratch)
                for event in decided.events {
                    position += 1
                    scratch.apply(Self.envelope(event, position: position, version: scratch.version(of: event.stream) + 1))
                }
                commands.append(command)
            } catch {
                errors.append(RowError(line: number, reason: error.detail))
            }
        }
        if !errors.isEmpty { throw AreaImportErrors(rows: errors) }
        return commands
    }

    static func envelope(_ event: any DomainEvent, position: Int64, version: Int64) -> EventEnvelope {
        EventEnvelope(
            position: position, stream: event.stream, version: version, type: type(of: event).eventType, schemaVersion: 1,
            eventId: "", recordedAt: Timestamp(millisecondsSinceEpoch: 0), actor: .system, correlationId: "", causationId: nil,
            requestId: nil, data: event.data, previousHash: "", hash: "")
    }
}

/// All bad rows of an area file.
package struct AreaImportErrors: Error, Sendable, CustomStringConvertible {
    package var rows: [AreaImport.RowError]
    package var description: String { rows.map(\.description).joined(separator: "\n") }
}
