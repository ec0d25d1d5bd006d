import Coordination
import EventStore
import Foundation

/// `tafel areas import --store S FILE.csv`: loads a municipality's area tree (code, name,
/// kind, parent). Every bad row is reported with its line number, and nothing is imported
/// when any row is bad.
enum AreasCommand {
    static func run(_ arguments: [String]) async throws -> Int32 {
        guard arguments.first == "import" else { throw CLIError("usage: tafel areas import --store S FILE.csv", exitCode: 2) }
        let options = try Arguments(Array(arguments.dropFirst()))
        try options.requireOnly(["store"])
        guard let path = options.positionals.first, options.positionals.count == 1 else {
            throw CLIError("usage: tafel areas import --store S FILE.csv", exitCode: 2)
        }
        guard let csv = try? String(contentsOfFile: path, encoding: .utf8) else { throw CLIError("cannot read \(path) as UTF-8 text") }
        let store = try await StoreOpener.open(StoreOpener.location(options), create: true)
        do {
            let service = try await CoordinationService(store: store)
            let commands: [Command]
            do {
                commands = try AreaImport.commands(csv, on: await service.model)
            } catch {
                throw CLIError("\(path): nothing imported\n\(error.description)")
            }
            let system = ActingPrincipal(principalId: "system", role: .admin)
            for command in commands { _ = try await service.execute(command, by: system) }
            printError("tafel: imported \(commands.count) areas from \(path)")
        } catch {
            await store.close()
            throw error
        }
        await store.close()
        return 0
    }
}
