import Foundation

/// The raw PostgreSQL insert rates `pgbench` reaches on the same server, the baselines of
/// `tafel bench append` on PostgreSQL: single-row INSERT transactions, and 100-row INSERT
/// transactions, into a scratch table of the same shape as `events`.
enum PgbenchBaseline {
    struct Rates {
        var singleRowTransactionsPerSecond: Double
        var batchedRowsPerSecond: Double
    }

    static let table = "tafel_bench_baseline"

    static let setup = """
        DROP TABLE IF EXISTS \(table);
        CREATE TABLE \(table) (LIKE events INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES);
        DROP SEQUENCE IF EXISTS \(table)_seq;
        CREATE SEQUENCE \(table)_seq;
        """

    /// One row like a real event: ~450 bytes of canonical JSON, two 32-byte hashes. The JSON
    /// is written with '=' for ':' and translated by the server, because pgbench reads
    /// ':name' in a script as a variable.
    static func row(_ position: String) -> String {
        """
        (\(position), 'dossier-bench', \(position), 'DepartmentStatusUpdated', 1, md5(random()::text) || \(position), now(), 'bench', 'regisseur', NULL, translate('{"actor"={"principalId"="bench","role"="regisseur"},"causationId"=null,"correlationId"="5b0c3c55-5a55-4e52-9a2e-2f0f3a1d9b11","data"={"departmentId"="openbare-ruimte","dossierId"="bench-1","note"="Schouw uitgevoerd; herstel bestrating gepland in week 48, bewoners geinformeerd.","status"="in_progress"},"eventId"="5b0c3c55-5a55-4e52-9a2e-2f0f3a1d9b12","position"=1,"recordedAt"="2026-11-22T08-00-00.000Z","requestId"=null,"schemaVersion"=1,"stream"="dossier-bench","type"="DepartmentStatusUpdated","version"=1}', '=', chr(58)), sha256(random()::text::bytea), sha256(random()::text::bytea))
        """
    }

    /// Runs a fixed number of transactions (`-t`), not a duration: pgbench's `-T` relies on a
    /// timer signal that a child of this process may inherit blocked.
    static func measure(uri: String, transactions: Int, clients: Int) throws -> Rates {
        try psql(uri: uri, sql: setup)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tafel-pgbench-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let single = directory.appendingPathComponent("single.sql")
        try "INSERT INTO \(table) VALUES \(row("nextval('\(table)_seq')"));\n".write(to: single, atomically: true, encoding: .utf8)
        let batched = directory.appendingPathComponent("batched.sql")
        try """
            INSERT INTO \(table) SELECT (r).* FROM (SELECT ROW\(row("nextval('\(table)_seq')"))::\(table) AS r FROM generate_series(1, 100)) AS rows;

            """.write(to: batched, atomically: true, encoding: .utf8)
        let singleRate = try pgbench(uri: uri, script: single.path, transactions: transactions, clients: 1)
        let perClient = max(5, transactions / 10 / max(clients, 1))
        let batchedRate = try pgbench(uri: uri, script: batched.path, transactions: perClient, clients: clients) * 100
        try psql(uri: uri, sql: "DROP TABLE IF EXISTS \(table); DROP SEQUENCE IF EXISTS \(table)_seq;")
        return Rates(singleRowTransactionsPerSecond: singleRate, batchedRowsPerSecond: batchedRate)
    }

    static func psql(uri: String, sql: String) throws {
        _ = try run("psql", ["-q", "-v", "ON_ERROR_STOP=1", "-d", uri, "-c", sql])
    }

    /// Transactions per second from pgbench's report.
    static func pgbench(uri: String, script: String, transactions: Int, clients: Int) throws -> Double {
        let output = try run(
            "pgbench",
            ["-n", "-M", "prepared", "-c", String(clients), "-j", String(min(clients, 2)), "-t", String(transactions), "-f", script, uri])
        for line in output.split(separator: "\n") where line.hasPrefix("tps = ") {
            let number = line.dropFirst(6).prefix { $0.isNumber || $0 == "." }
            if let tps = Double(number) { return tps }
        }
        throw CLIError("pgbench printed no tps line:\n\(output)")
    }

    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else { throw CLIError("\(tool) failed: \(text)") }
        return text
    }
}
