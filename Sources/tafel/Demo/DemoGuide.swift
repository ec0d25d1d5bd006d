import Events
import Projections

/// What `tafel demo` prints for a newcomer: a token per role and four requests to paste,
/// one for each kind of user.
enum DemoGuide {
    static func text(loader: DemoLoader, model: CoordinationModel, host: String, port: Int) -> String {
        let url = "http://\(host):\(port)/rpc"
        var lines = ["Tafel demo — Maastricht, a year of stadsdeeltafels", "", "Tokens, one per role (shown once) — paste these lines into your shell:"]
        let shown: [(String, String)] = [
            ("admin", "demo-admin"), ("regisseur", "regisseur-centrum"), ("wethouder", "wethouder-centrum"),
            ("department", "wonen-medewerker"), ("partner", "politie-medewerker"), ("auditor", "auditor-rekenkamer"),
            ("privacy", DemoLoader.privacyOfficer),
        ]
        for (role, id) in shown {
            guard let issued = loader.issued[id] else { continue }
            lines.append("export TOKEN_\(role.uppercased())=\(issued.token)   # \(role), \(id)")
        }
        let dossier = model.dossiers.values.filter { dossier in
            dossier.tableId == "centrum" && !dossier.closed && dossier.departments.contains { $0.departmentId == "wonen" }
        }.map(\.dossierId).sorted().first ?? "centrum-001"
        let march = lastMarch(today: Timestamp.now().amsterdamDate)
        func curl(_ token: String, _ body: String) -> String {
            "curl -s \(url) -H 'Content-Type: application/json' -H \"Authorization: Bearer $TOKEN_\(token)\" \\\n    -d '\(body)'"
        }
        lines += [
            "", "Then, for each kind of user:", "",
            "# regisseur: the agenda of the next Stadsdeeltafel Centrum",
            curl("REGISSEUR", #"{"jsonrpc":"2.0","id":1,"method":"agenda.get","params":{"tableId":"centrum"}}"#), "",
            "# department: Wonen reports its status on a dossier",
            curl("DEPARTMENT", #"{"jsonrpc":"2.0","id":2,"method":"dossier.updateStatus","params":{"dossierId":"\#(dossier)","departmentId":"wonen","status":"in_progress","note":"huisbezoeken gepland"}}"#), "",
            "# department: Wonen's actielijst, its open decisions, earliest due first",
            curl("DEPARTMENT", #"{"jsonrpc":"2.0","id":5,"method":"decision.list","params":{"ownerDepartment":"wonen","state":"open"}}"#), "",
            "# auditor: that dossier as it was at the end of last March, then verify the whole log",
            curl("AUDITOR", #"[{"jsonrpc":"2.0","id":3,"method":"dossier.get","params":{"dossierId":"\#(dossier)","asOf":"\#(march)"}},{"jsonrpc":"2.0","id":4,"method":"audit.verify"}]"#), "",
            "# privacy officer: every live text naming an address, for a resident's access request",
            curl("PRIVACY", #"{"jsonrpc":"2.0","id":5,"method":"privacy.search","params":{"term":"Rechtstraat 41"}}"#),
        ]
        return lines.joined(separator: "\n")
    }

    /// The last moment of the most recent March before `today`.
    static func lastMarch(today: String) -> String {
        let year = Int(today.prefix(4)) ?? 2026
        let month = Int(today.dropFirst(5).prefix(2)) ?? 1
        return "\(month > 3 ? year : year - 1)-03-31T23:59:59Z"
    }
}
