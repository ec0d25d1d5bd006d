import Foundation

/// The versioned schema of the PostgreSQL store: plain SQL files (`NNN_name.sql`, also
/// visible as `ops/sql/`) applied in order, each recorded in `tafel_migrations`.
///
/// Safe to run twice and from several processes at once: the whole run holds a
/// transaction-scoped advisory lock, and a version already recorded is skipped.
package enum PostgresMigrations {
    /// One schema step.
    package struct Migration: Sendable {
        package var version: Int
        package var name: String
        package var sql: String
    }

    static let advisoryLock = "7230419958327166"

    /// The migrations shipped with this build, in version order.
    package static func bundled() throws -> [Migration] {
        guard let directory = Bundle.module.url(forResource: "Migrations", withExtension: nil) else {
            throw EventStoreError(.unavailable, "the SQL migrations are missing from this build")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".sql") }
        return try files.sorted().map { file in
            guard let version = Int(file.prefix { $0.isNumber }) else {
                throw EventStoreError(.unavailable, "migration \(file) does not start with its version number")
            }
            let sql = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            return Migration(version: version, name: String(file.dropLast(4)), sql: sql)
        }
    }

    /// Applies every migration not yet recorded; returns the versions it applied.
    ///
    /// When every version is already recorded it only reads, so a server role without
    /// the right to change the schema (ops/postgres-setup.sh) opens the store; a pending
    /// migration then fails with PostgreSQL's permission error, naming what was refused.
    static func apply(_ migrations: [Migration], on connection: PostgresConnection) throws(PostgresError) -> [Int] {
        try connection.query("SET client_min_messages TO warning")
        // A migration may rewrite a large table; the store's statement timeout is for appends.
        try connection.query("SET statement_timeout = 0")
        if try connection.query("SELECT to_regclass('tafel_migrations') IS NOT NULL").rows.first?[0] == "t" {
            let recorded = Set(try connection.query("SELECT version FROM tafel_migrations").rows.compactMap { $0[0].flatMap { Int($0) } })
            if migrations.allSatisfy({ recorded.contains($0.version) }) { return [] }
        }
        try connection.query("BEGIN")
        do throws(PostgresError) {
            try connection.query("SELECT pg_advisory_xact_lock($1::bigint)", [advisoryLock])
            try connection.query(
                """
                CREATE TABLE IF NOT EXISTS tafel_migrations (
                    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())
                """)
            let applied = Set(try connection.query("SELECT version FROM tafel_migrations").rows.compactMap { $0[0].flatMap { Int($0) } })
            var done: [Int] = []
            for migration in migrations where !applied.contains(migration.version) {
                try connection.execute(script: migration.sql)
                try connection.query(
                    "INSERT INTO tafel_migrations (version, name) VALUES ($1, $2)", [String(migration.version), migration.name])
                done.append(migration.version)
            }
            try connection.query("COMMIT")
            return done
        } catch {
            _ = try? connection.query("ROLLBACK")
            throw error
        }
    }
}
