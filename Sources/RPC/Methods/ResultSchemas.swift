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

    static let commandResult = object(
        [
            ("stream", string), ("version", integer), ("positions", array(integer)),
            ("dossierId", string), ("meetingId", string), ("itemId", string), ("decisionId", string), ("token", string),
        ], required: ["stream", "version", "positions"])

    static let departmentStatus = object([
        ("departmentId", string), ("role", string), ("status", string), ("note", nullable("string")),
        ("updatedAt", nullable("string")), ("updatedBy", nullable("string")),
    ])

    static let decisionProgress = object([("status", .object([("enum", ["in_progress", "blocked"])])), ("note", nullable("string")), ("at", string)])

    static let decision = object([
        ("decisionId", string), ("meetingId", string), ("tableId", nullable("string")), ("dossierId", nullable("string")),
        ("text", nullable("string")), ("ownerDepartment", string), ("due", nullable("string")),
        ("state", .object([("enum", ["open", "completed", "withdrawn"])])), ("completed", boolean),
        ("completedAt", nullable("string")), ("note", nullable("string")),
        ("progress", .object([("oneOf", [decisionProgress, .object([("type", "null")])])])),
        ("withdrawnAt", nullable("string")), ("withdrawalReason", nullable("string")), ("overdue", boolean),
    ])

    static let decisionList = object([("items", array(decision)), ("nextCursor", nullable("string"))])

    static let escalation = object([
        ("to", string), ("reason", string), ("raisedAt", string), ("resolved", boolean), ("outcome", nullable("string")),
    ])

    static let agendaItem = object([
        ("itemId", string), ("position", integer), ("dossierId", nullable("string")), ("topic", nullable("string")),
        ("title", string), ("overallStatus", nullable("string")), ("departments", array(departmentStatus)),
        ("lead", nullable("string")), ("deadline", nullable("string")), ("overdue", boolean),
        ("escalation", .object([("type", .array(["object", "null"]))])), ("carriedOver", boolean),
        ("carriedOverFrom", nullable("string")), ("discussed", boolean), ("confidential", boolean),
    ], required: ["itemId", "position", "dossierId", "title", "overallStatus", "overdue", "carriedOver"])

    static let agenda = object([
        ("meeting", object([("meetingId", string), ("tableId", string), ("date", string), ("status", .object([("enum", ["scheduled", "closed"])]))])),
        ("items", array(agendaItem)),
        ("decisionsDue", array(decision)),
    ])

    static let dossier = object([
        ("dossierId", string), ("tableId", string), ("stadsdeel", nullable("string")), ("title", string),
        ("summary", nullable("string")), ("area", nullable("string")), ("overallStatus", string), ("deadline", nullable("string")),
        ("overdue", boolean), ("departments", array(departmentStatus)), ("escalations", array(escalation)),
        ("decisions", array(decision)), ("confidential", boolean), ("version", integer),
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
            ("deadline", nullable("string")), ("overdue", boolean), ("confidential", boolean),
        ]))),
        ("decisions", array(decision)),
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

    static let openRPC = object([("openrpc", string), ("info", .object([("type", "object")])), ("methods", array(.object([("type", "object")])))])
}
