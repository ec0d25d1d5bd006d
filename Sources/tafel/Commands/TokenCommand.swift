import Coordination
import EventStore

/// `tafel token issue --store S --principal ID --role ROLE [--name N] [--stadsdeel C]…
/// [--department D]…`: registers (or re-keys) a principal offline and prints a fresh token
/// once — alone on stdout, so scripts can capture it. This is how the first admin is made.
enum TokenCommand {
    static func run(_ arguments: [String]) async throws -> Int32 {
        guard arguments.first == "issue" else {
            throw CLIError("usage: tafel token issue --store S --principal ID --role ROLE [--stadsdeel C]… [--department D]…", exitCode: 2)
        }
        let options = try Arguments(Array(arguments.dropFirst()))
        try options.requireOnly(["store", "principal", "role", "name", "stadsdeel", "department"])
        guard let principalId = options.value("principal") else { throw CLIError("--principal is required", exitCode: 2) }
        guard let roleName = options.value("role"), let role = Role(rawValue: roleName) else {
            throw CLIError("--role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))", exitCode: 2)
        }
        let store = try await StoreOpener.open(StoreOpener.location(options), create: true)
        let token = Token.generate()
        do {
            let service = try await CoordinationService(store: store)
            let command = Command.registerPrincipal(
                principalId: principalId, name: options.value("name") ?? principalId, role: role,
                stadsdelen: options.all("stadsdeel"), departments: options.all("department"), tokenHash: Token.hash(token))
            // Offline issuing is the operator's own act, recorded as the system actor.
            _ = try await service.execute(command, by: ActingPrincipal(principalId: "system", role: .admin))
        } catch let error as DomainError {
            await store.close()
            throw CLIError("refused: \(error.detail)")
        } catch {
            await store.close()
            throw error
        }
        await store.close()
        print(token)
        printError("tafel: issued a token for \(principalId) (\(role.rawValue)); it is shown only this once")
        return 0
    }
}
