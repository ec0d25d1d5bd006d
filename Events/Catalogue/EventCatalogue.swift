/// Every event kind Tafel writes, by its envelope `type`, and the upcasters that lift
/// older body shapes to the current one.
///
/// Readers ask the catalogue instead of switching on strings, so that a new kind or a new
/// schema version is added in one place.
package enum EventCatalogue {
    /// Every event kind, in the order the workflow meets them.
    package static let kinds: [any DomainEvent.Type] = [
        AreaDefined.self,
        DepartmentRegistered.self,
        PrincipalRegistered.self,
        PrincipalRevoked.self,
        TableEstablished.self,
        TableMemberAdded.self,
        TableMemberRemoved.self,
        DossierRaised.self,
        DepartmentAssigned.self,
        DepartmentUnassigned.self,
        DepartmentStatusUpdated.self,
        DeadlineSet.self,
        DossierEscalated.self,
        EscalationResolved.self,
        DossierClosed.self,
        DossierReopened.self,
        MeetingScheduled.self,
        AgendaItemAdded.self,
        AgendaItemRemoved.self,
        AgendaItemMoved.self,
        DiscussionRecorded.self,
        MeetingClosed.self,
        AgendaItemCarriedOver.self,
        DecisionTaken.self,
        DecisionCompleted.self,
        DossierConfidentialitySet.self,
        PersonalDataErased.self,
        MeetingAttendanceRecorded.self,
        MeetingRescheduled.self,
        MeetingCancelled.self,
        AgendaFinalised.self,
        MinutesApproved.self,
        NotesAmended.self,
    ]

    static let kindsByType: [String: any DomainEvent.Type] = Dictionary(
        uniqueKeysWithValues: kinds.map { ($0.eventType, $0) }
    )

    /// The known type names by their length in bytes, for ``internedType(_:)``.
    static let typesByLength: [[(bytes: [UInt8], name: String)]] = {
        var table = Array(repeating: [(bytes: [UInt8], name: String)](), count: 64)
        for kind in kinds where kind.eventType.utf8.count < table.count {
            table[kind.eventType.utf8.count].append((Array(kind.eventType.utf8), kind.eventType))
        }
        return table
    }()

    /// The type name in `bytes` (ASCII) as the catalogue's own string, shared rather than
    /// allocated for every decoded envelope; an unknown name as a new string.
    package static func internedType(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if bytes.count < typesByLength.count {
            for candidate in typesByLength[bytes.count] {
                if candidate.bytes.withUnsafeBufferPointer({ known in (0..<known.count).allSatisfy { known[$0] == bytes[$0] } }) {
                    return candidate.name
                }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The kind whose envelope `type` is `type`, or `nil` for an unknown type.
    package static func kind(named type: String) -> (any DomainEvent.Type)? {
        kindsByType[type]
    }

    /// Lifts a body written with an older schema version to the kind's current shape.
    ///
    /// Version 2 of the kinds with free text differs from version 1 only in how such a field
    /// is held (inline text, or a reference and digest), and ``EventFields`` reads both, so
    /// the body passes unchanged; a version newer than the code knows is refused, because
    /// reading it as an older shape would lose data.
    /// - Throws: ``UnknownSchemaVersion`` for a type or version this build cannot read.
    package static func upcast(type: String, schemaVersion: Int64, data: JSONValue) throws -> JSONValue {
        guard let kind = kind(named: type) else { throw UnknownSchemaVersion(type: type, schemaVersion: schemaVersion) }
        guard schemaVersion >= 1, schemaVersion <= kind.schemaVersion else {
            throw UnknownSchemaVersion(type: type, schemaVersion: schemaVersion)
        }
        return data
    }
}

/// A stored event this build cannot read: unknown type or a schema version from the future.
package struct UnknownSchemaVersion: Error, Sendable, CustomStringConvertible {
    package var type: String
    package var schemaVersion: Int64

    package init(type: String, schemaVersion: Int64) {
        self.type = type
        self.schemaVersion = schemaVersion
    }

    package var description: String { "cannot read event type \(type) at schema version \(schemaVersion)" }
}
