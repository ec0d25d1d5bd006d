extension StoreLocation {
    /// The read log of the store at this location: `reads.log` in the file store's directory
    /// (open the ``FileEventStore`` first: its lock is what keeps other processes out), or
    /// the `read_log` table of the database (open the ``PostgresEventStore`` first: it
    /// applies the migrations).
    package func openReadLog() throws -> any ReadLog {
        switch self {
        case let .directory(path): try FileReadLog.open(directory: path)
        case let .postgres(uri): PostgresReadLog(conninfo: uri)
        }
    }
}
