import Coordination
import Events
import Foundation
import Projections

/// Loads the Maastricht demo through the coordination service — the real commands, by the
/// real roles, with their rules — replaying a year of stadsdeeltafels on a simulated clock.
/// Every refusal is counted: the demo doubles as a long end-to-end run, and a refused step
/// means the loader or the rules are wrong.
final class DemoLoader {
    struct Stadsdeel {
        var code: String
        var slug: String
        var name: String
        var corporation: String
    }

    /// A principal the demo acts as and prints a token for.
    struct Issued {
        var principal: ActingPrincipal
        var name: String
        var token: String
    }

    let service: CoordinationService
    let clock: DemoClock
    var random: SplitMix
    var issued: [String: Issued] = [:]
    var refusals: [String] = []
    var commands = 0
    var stadsdelen: [Stadsdeel] = []
    var dossierCounter: [String: Int] = [:]
    var decisionCounter = 0
    static let admin = ActingPrincipal(principalId: "demo-admin", role: .admin)
    static let day: Int64 = 86_400_000

    init(service: CoordinationService, clock: DemoClock, seed: UInt64) {
        self.service = service
        self.clock = clock
        self.random = SplitMix(state: seed)
    }

    /// Runs one command at the current simulated moment; a domain refusal is recorded, a
    /// store failure ends the demo.
    @discardableResult
    func run(_ command: Command, by principal: ActingPrincipal) async throws -> Bool {
        do {
            _ = try await service.execute(command, by: principal)
            commands += 1
            return true
        } catch let error as DomainError {
            refusals.append("\(principal.principalId): \(command.stream): \(error)")
            return false
        }
    }

    func principal(_ id: String) -> ActingPrincipal { issued[id]?.principal ?? Self.admin }

    func regisseur(_ stadsdeel: Stadsdeel) -> ActingPrincipal { principal("regisseur-\(stadsdeel.slug)") }
    func wethouder(_ stadsdeel: Stadsdeel) -> ActingPrincipal { principal("wethouder-\(stadsdeel.slug)") }
    func member(of department: String) -> ActingPrincipal { principal("\(department)-medewerker") }

    /// Registers (or re-keys) a principal with a fresh token.
    func issue(_ id: String, name: String, role: Role, stadsdelen: [String] = [], departments: [String] = [], by actor: ActingPrincipal) async throws {
        let token = Token.generate()
        let command = Command.registerPrincipal(
            principalId: id, name: name, role: role, stadsdelen: stadsdelen, departments: departments, tokenHash: Token.hash(token))
        if try await run(command, by: actor) {
            issued[id] = Issued(
                principal: ActingPrincipal(principalId: id, role: role, stadsdelen: Set(stadsdelen), departments: Set(departments)), name: name,
                token: token)
        }
    }

    /// Municipality, departments, people and tables, at `start`.
    func setUp(areas csv: String, start: Int64) async throws {
        clock.set(start)
        let system = ActingPrincipal(principalId: "system", role: .admin)
        try await issue("demo-admin", name: "Functioneel beheer Tafel", role: .admin, by: system)
        clock.set(start + 60_000)
        let model = await service.model
        let areaCommands: [Command]
        do {
            areaCommands = try AreaImport.commands(csv, on: model)
        } catch {
            throw CLIError("the demo areas do not load: \(error)")
        }
        for command in areaCommands { try await run(command, by: Self.admin) }
        for department in DemoCatalogue.departments {
            try await run(.registerDepartment(departmentId: department.id, name: department.name, external: department.external), by: Self.admin)
        }
        let areas = await service.model.areas
        stadsdelen = areas.values.filter { $0.kind == "stadsdeel" }.sorted { $0.code < $1.code }.enumerated().map { index, area in
            Stadsdeel(
                code: area.code, slug: String(area.code.dropFirst(3)), name: area.name,
                corporation: DemoCatalogue.corporations[index % DemoCatalogue.corporations.count])
        }
        for stadsdeel in stadsdelen {
            try await issue("regisseur-\(stadsdeel.slug)", name: "Stadsdeelregisseur \(stadsdeel.name)", role: .regisseur, stadsdelen: [stadsdeel.code], by: Self.admin)
            try await issue("wethouder-\(stadsdeel.slug)", name: "Stadsdeelwethouder \(stadsdeel.name)", role: .wethouder, stadsdelen: [stadsdeel.code], by: Self.admin)
        }
        for department in DemoCatalogue.departments {
            try await issue(
                "\(department.id)-medewerker", name: "Medewerker \(department.name)", role: department.external ? .partner : .department,
                departments: [department.id], by: Self.admin)
        }
        try await issue("auditor-rekenkamer", name: "Rekenkamer Maastricht", role: .auditor, by: Self.admin)
        for stadsdeel in stadsdelen {
            let members = DemoCatalogue.departments.filter { !$0.external }.map(\.id) + ["politie", stadsdeel.corporation]
            try await run(
                .establishTable(tableId: stadsdeel.slug, name: "Stadsdeeltafel \(stadsdeel.name)", stadsdeel: stadsdeel.code, members: members),
                by: regisseur(stadsdeel))
        }
    }

    /// Gives every demo principal a fresh token (a second `tafel demo` on the same store).
    func rekey() async throws {
        let model = await service.model
        let system = ActingPrincipal(principalId: "system", role: .admin)
        for record in model.principals.values.sorted(by: { $0.principalId < $1.principalId }) where !record.revoked {
            guard let role = Role(rawValue: record.role) else { continue }
            try await issue(record.principalId, name: record.name, role: role, stadsdelen: record.stadsdelen, departments: record.departments, by: system)
        }
        let areas = model.areas
        stadsdelen = areas.values.filter { $0.kind == "stadsdeel" }.sorted { $0.code < $1.code }.map {
            Stadsdeel(code: $0.code, slug: String($0.code.dropFirst(3)), name: $0.name, corporation: "")
        }
    }

    /// A buurt (or else a wijk) of `stadsdeel`, at random.
    func buurt(in stadsdeel: Stadsdeel, of model: CoordinationModel) -> AreaRecord? {
        let wijken = Set(model.areas.values.filter { $0.kind == "wijk" && $0.parent == stadsdeel.code }.map(\.code))
        let buurten = model.areas.values.filter { $0.kind == "buurt" && $0.parent.map(wijken.contains) == true }.sorted { $0.code < $1.code }
        if buurten.isEmpty { return model.areas.values.filter { wijken.contains($0.code) }.sorted { $0.code < $1.code }.first }
        return buurten[random.next(buurten.count)]
    }

    /// A deterministic generator (SplitMix64), so `--seed` reproduces a demo.
    struct SplitMix {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(max(bound, 1)))
        }

        mutating func chance(_ percent: Int) -> Bool { next(100) < percent }
    }
}
