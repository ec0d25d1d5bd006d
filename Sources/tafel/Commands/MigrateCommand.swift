import EventStore

/// `tafel migrate --store postgresql://…`: applies the schema migrations not yet recorded.
/// Safe to run twice and from two processes at once; `tafel serve` does the same at start.
enum MigrateCommand {
    static func run(_ arguments: Arguments) async throws -> Int32 {
        try arguments.requireOnly(["store"])
        guard case let .postgres(uri) = StoreOpener.location(arguments) else {
            throw CLIError("migrate applies to a PostgreSQL store (--store postgresql://…); the file store needs none", exitCode: 2)
        }
        let applied = try await PostgresEventStore.migrate(conninfo: uri)
        printError(applied.isEmpty ? "tafel: schema is up to date" : "tafel: applied migrations \(applied.map(String.init).joined(separator: ", "))")
        return 0
    }
}
