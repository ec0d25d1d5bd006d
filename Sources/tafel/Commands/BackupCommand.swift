import EventStore

/// `tafel backup`: copies an embedded store's log into a new directory as far as it holds
/// whole batches, and then its free texts (`texts.log`), also while `tafel serve` appends to it (`ops/backup.sh file` runs it and
/// then `tafel verify` on the copy). A plain `cp` of a log being written can catch a batch
/// half-written and later ones whole, which no longer opens.
enum BackupCommand {
    static func run(_ arguments: Arguments) async throws -> Int32 {
        try arguments.requireOnly(["store", "to"])
        guard case let .directory(path) = StoreOpener.location(arguments) else {
            throw CLIError("tafel backup copies an embedded store; back up PostgreSQL with ops/backup.sh postgresql", exitCode: 2)
        }
        guard let target = arguments.value("to") else { throw CLIError("tafel backup needs --to DIR", exitCode: 2) }
        let copied = try FileEventStore.copyLog(from: path, to: target)
        printError("tafel: copied \(copied.events) events (\(copied.bytes) bytes) to \(target)")
        return 0
    }
}
