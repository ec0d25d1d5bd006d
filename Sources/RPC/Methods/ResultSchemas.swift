import Events

/// The JSON Schemas of the results, as `rpc.discover` publishes them: the field names of
/// the RPC reference's "Result shapes" (more fields may be added; these are promised).
enum ResultSchemas {
    static func object(_ properties: [(String, JSONValue)], required: [String]? = nil) -> JSONValue {
        .object([
            ("type", "object"),
            ("required", .array((required ?? properties.map(\.0)).map(JSONValue.string))),
            ("properties", .object(properties)),
        ])
    }

    static func array(_ items: JSONValue) -> JSONValue { .object([("type", "array"), ("items", items)]) }
    static func nullable(_ type: String) -> JSONValue { .object([("type", .array([.string(type), "null"]))]) }
    static let string: JSONValue = .object([("type", "string")])
    static let integer: JSONValue = .object([("type", "integer")])
    static let boolean: JSONValue = .object([("type", "boolean")])

    /// `"erased": {"<field>": {"at", "reason"}}` on an object one of whose free texts was
    /// erased (that text reads `null`); absent when none was.
    static let erasedMarker: JSONValue = .object([
        ("type", "object"),
        ("additionalProperties", object([("at", string), ("reason", string)])),
    ])

    /// Members an object with free text carries besides its own.
    static func withTexts(_ properties: [(String, JSONValue)]) -> [(String, JSONValue)] {
        properties + [("erased", erasedMarker)]
    }

    static let commandResult = object(
        [
            ("stream", string), ("version", integer), ("positions", array(integer)),
            ("dossierId", string), ("meetingId", string), ("itemId", string), ("decisionId", string), ("token", string),
        ], required: ["stream", "version", "positions"])

    static let erasureResult = object(
        [
            ("stream", string), ("version", integer), ("positions", array(integer)), ("erased", integer),
        ])

    static let searchHits = object([
        ("hits", array(object([("dossierId", nullable("string")), ("field", string), ("ref", string), ("where", string)],
            required: ["dossierId", "field", "ref"]))),
        ("truncated", boolean),
    ], required: ["hits"])

    static let departmentStatus = object(withTexts([
        ("departmentId", string), ("role", string), ("status", string), ("note", nullable("string")),
        ("updatedAt", nullable("string")), ("updatedBy", nullable("string")),
    ]), required: ["departmentId", "role", "status", "note", "updatedAt", "updatedBy"])

    static let decision = object(withTexts([
        ("decisionId", string), ("meetingId", string), ("dossierId", nullable("string")), ("text", nullable("string")),
        ("ownerDepartment", string), ("due", nullable("string")), ("completed", boolean), ("overdue", boolean),
    ]), required: ["decisionId", "meetingId", "dossierId", "text", "ownerDepartment", "due", "completed", "overdue"])

    static let escalation = object(withTexts([
        ("to", string), ("reason", nullable("string")), ("raisedAt", string), ("resolved", boolean), ("outcome", nullable("string")),
    ]), required: ["to", "reason", "raisedAt", "resolved", "outcome"])

    static let agendaItem = object([
        ("itemId", string), ("position", integer), ("dossierId", nullable("string")), ("topic", nullable("string")),
        ("title", string), ("overallStatus", nullable("string")), ("departments", array(departmentStatus)),
        ("lead", nullable("string")), ("deadline", nullable("string")), ("overdue", boolean),
        ("escalation", .object([("type", .array(["object", "null"]))])), ("carriedOver", boolean),
        ("carriedOverFrom", nullable("string")), ("discussed", boolean), ("confidential", boolean), ("late", boolean),
    ], required: ["itemId", "position", "dossierId", "title", "overallStatus", "overdue", "carriedOver"])

    static let meetingStatus: JSONValue = .object([("enum", ["scheduled", "closed", "cancelled"])])

    static let agenda = object([
        ("meeting", object([("meetingId", string), ("tableId", string), ("date", string), ("status", meetingStatus), ("finalised", boolean)],
            required: ["meetingId", "tableId", "date", "status"])),
        ("items", array(agendaItem)),
        ("decisionsDue", array(decision)),
    ])

    static let meetingList = object([
        ("meetings", array(object([
            ("meetingId", string), ("date", string), ("location", nullable("string")), ("status", meetingStatus),
            ("items", integer), ("discussed", integer), ("decisionsTaken", integer),
        ]))),
    ])

    /// A verslag item: the full shape, or on a dossier the reader may not read only the
    /// agenda's limited fields (so only those are required).
    static let meetingItem = object([
        ("itemId", string), ("position", integer), ("dossierId", nullable("string")), ("topic", nullable("string")), ("title", string),
        ("discussed", boolean), ("notes", nullable("string")), ("late", boolean), ("carriedOverFrom", nullable("string")),
        ("carriedOverTo", nullable("string")), ("amendments", array(object([("reason", nullable("string")), ("at", string), ("by", string)]))),
        ("confidential", boolean), ("overallStatus", nullable("string")), ("overdue", boolean), ("carriedOver", boolean), ("erased", erasedMarker),
    ], required: ["itemId", "position", "dossierId", "title"])

    static let meeting = object([
        ("meeting", object([
            ("meetingId", string), ("tableId", string), ("date", string), ("location", nullable("string")), ("status", meetingStatus),
            ("finalised", boolean), ("minutesApproved", boolean), ("cancelReason", nullable("string")),
            ("reschedules", array(object([("from", string), ("to", string), ("reason", nullable("string")), ("at", string)]))),
        ], required: ["meetingId", "tableId", "date", "location", "status", "finalised", "minutesApproved"])),
        ("attendance", array(object([("departmentId", string), ("presence", .object([("enum", ["present", "absent", "excused"])])), ("delegate", nullable("string"))]))),
        ("items", array(meetingItem)),
        ("decisionsTaken", array(decision)),
        ("escalationsRaised", array(object([
            ("dossierId", string), ("to", string), ("reason", nullable("string")), ("raisedAt", string), ("resolved", boolean), ("outcome", nullable("string")),
        ]))),
    ])

    static let dossier = object(withTexts([
        ("dossierId", string), ("tableId", string), ("stadsdeel", nullable("string")), ("title", string),
        ("summary", nullable("string")), ("area", nullable("string")), ("overallStatus", string), ("deadline", nullable("string")),
        ("overdue", boolean), ("departments", array(departmentStatus)), ("escalations", array(escalation)),
        ("decisions", array(decision)), ("confidential", boolean), ("version", integer),
    ]), required: [
        "dossierId", "tableId", "stadsdeel", "title", "summary", "area", "overallStatus", "deadline", "overdue", "departments",
        "escalations", "decisions", "version",
    ])

    static let dossierSummary = object([
        ("dossierId", string), ("tableId", string), ("stadsdeel", nullable("string")), ("area", nullable("string")),
        ("title", string), ("overallStatus", string), ("lead", nullable("string")), ("departments", array(departmentStatus)),
        ("deadline", nullable("string")), ("overdue", boolean), ("escalated", boolean), ("confidential", boolean),
    ])

    static let dossierList = object([("items", array(dossierSummary)), ("nextCursor", nullable("string"))])

    static let departmentOverview = object([
        ("departmentId", string),
        ("dossiers", array(object([
            ("dossierId", string), ("title", string), ("role", nullable("string")), ("status", nullable("string")),
            ("overallStatus", string), ("others", array(object([("departmentId", string), ("status", string)]))),
            ("deadline", nullable("string")), ("overdue", boolean), ("note", nullable("string")), ("erased", erasedMarker), ("confidential", boolean),
        ], required: ["dossierId", "title", "role", "status", "overallStatus", "others", "deadline", "overdue"]))),
    ])

    static let statusCounts: JSONValue = .object([("type", "object"), ("additionalProperties", integer)])

    static let dashboard = object([
        ("stadsdeel", string), ("today", string), ("byStatus", statusCounts), ("overdue", integer), ("openEscalations", integer),
        ("decisions", object([("open", integer), ("overdue", integer)])),
        ("medianDaysToClose", .object([("type", .array(["number", "null"]))])),
        ("wijken", array(object([("code", string), ("byStatus", statusCounts), ("overdue", integer), ("openEscalations", integer)]))),
    ])

    static let envelope = object([
        ("position", integer), ("stream", string), ("version", integer), ("type", string), ("schemaVersion", integer),
        ("eventId", string), ("recordedAt", string), ("actor", object([("principalId", string), ("role", string)])),
        ("correlationId", string), ("causationId", nullable("string")), ("requestId", nullable("string")),
        ("data", .object([("type", "object")])), ("previousHash", string), ("hash", string),
        ("texts", .object([("type", "object"), ("additionalProperties", nullable("string"))])), ("erased", erasedMarker),
    ], required: [
        "position", "stream", "version", "type", "schemaVersion", "eventId", "recordedAt", "actor", "correlationId", "causationId",
        "requestId", "data", "previousHash", "hash",
    ])

    static let envelopePage = object([
        ("events", array(envelope)),
        ("nextCursor", .object([("type", .array(["string", "integer", "null"]))])),
    ])

    static let verification = object([
        ("ok", boolean), ("checked", integer), ("head", object([("position", integer), ("hash", string)])),
        ("firstBad", nullable("integer")),
    ])

    static let tableList = object([
        ("tables", array(object([
            ("tableId", string), ("name", string), ("stadsdeel", string), ("members", array(string)),
            ("nextMeeting", .object([
                ("type", .array(["object", "null"])), ("required", .array(["meetingId", "date", "location"])),
                ("properties", .object([("meetingId", string), ("date", string), ("location", nullable("string"))])),
            ])),
        ]))),
    ])

    static let departmentList = object([("departments", array(object([("departmentId", string), ("name", string), ("external", boolean)])))])

    static let areaList = object([("areas", array(object([("code", string), ("name", string), ("kind", string), ("parent", nullable("string"))])))])

    static let principal = object([
        ("principalId", string), ("name", string), ("role", string), ("stadsdelen", array(string)), ("departments", array(string)),
    ])

    /// `audit.reads`: read log records (Logboek Dataverwerkingen fields) and their chain.
    static let readPage = object([
        ("reads", array(object([
            ("sequence", integer), ("traceId", string), ("spanId", string), ("name", string), ("startTime", string),
            ("endTime", string), ("statusCode", string), ("actor", string), ("role", string), ("dossierIds", array(string)),
            ("processingActivityId", string), ("previousHash", string), ("hash", string),
        ]))),
        ("nextCursor", nullable("string")),
    ])

    static let openRPC = object([("openrpc", string), ("info", .object([("type", "object")])), ("methods", array(.object([("type", "object")])))])
}
