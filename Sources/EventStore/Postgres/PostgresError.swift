import CLibPQ

/// A failure reported by libpq or the server, with the SQLSTATE when the server sent one.
///
/// SQLSTATE codes are kept as string constants (as postgres-nio does), so callers compare
/// against the few they handle and pass the rest on.
struct PostgresError: Error, Sendable, CustomStringConvertible {
    struct Code: Hashable, Sendable, ExpressibleByStringLiteral {
        let raw: String
        init(stringLiteral value: String) { raw = value }
        init(_ raw: String) { self.raw = raw }

        static let serializationFailure: Code = "40001"
        static let deadlockDetected: Code = "40P01"
        static let insufficientPrivilege: Code = "42501"
        static let uniqueViolation: Code = "23505"
        static let queryCanceled: Code = "57014"
        static let invalidPassword: Code = "28P01"
        static let invalidAuthorization: Code = "28000"
        static let invalidCatalogName: Code = "3D000"
        static let adminShutdown: Code = "57P01"
        static let crashShutdown: Code = "57P02"
        static let cannotConnectNow: Code = "57P03"
        static let connectionDoesNotExist: Code = "08003"
        static let connectionFailure: Code = "08006"

        /// Class 08, connection exception: the connection broke, whatever the detail.
        var isConnectionException: Bool { raw.hasPrefix("08") }
    }

    /// `nil` when the failure happened before the server answered (connection lost, bad host).
    var sqlState: Code?
    var message: String
    /// The constraint a violation names (`PG_DIAG_CONSTRAINT_NAME`).
    var constraint: String? = nil

    /// The unique constraint on `event_id`: violated, it proves the rows are in the log.
    static let eventIdConstraint = "events_event_id_key"
    /// The primary key of `texts`: violated, a text of the batch has a reference in use.
    static let textRefConstraint = "texts_pkey"

    var description: String {
        sqlState.map { "\(message) (SQLSTATE \($0.raw))" } ?? message
    }

    /// Whether running the same work again on a fresh connection may succeed.
    var isRetryable: Bool {
        guard let sqlState else { return true }
        return [.serializationFailure, .deadlockDetected, .adminShutdown, .crashShutdown, .cannotConnectNow]
            .contains(sqlState) || sqlState.isConnectionException
    }

    /// Whether a statement that failed this way after it was sent may still have been
    /// committed: the connection broke, or the server ended the session (57P01–57P03), which
    /// it may do after the commit and before the answer.
    var leavesOutcomeUnknown: Bool {
        guard let sqlState else { return true }
        return sqlState.isConnectionException || [.adminShutdown, .crashShutdown, .cannotConnectNow].contains(sqlState)
    }

    /// The store error a caller sees.
    var storeError: EventStoreError {
        switch sqlState {
        case Code.invalidPassword?, Code.invalidAuthorization?:
            return EventStoreError(.unavailable, "PostgreSQL refused the login: \(message)")
        case Code.invalidCatalogName?:
            return EventStoreError(.unavailable, "the database does not exist: \(message)")
        case Code.insufficientPrivilege?:
            return EventStoreError(.io, "missing permission in PostgreSQL: \(message)")
        default:
            return EventStoreError(isRetryable ? .retryable : .io, "PostgreSQL: \(description)")
        }
    }
}

extension PostgresError {
    /// The error of a failed result: SQLSTATE, the server's primary message and the
    /// constraint. Only the primary message: the full text can quote the statement (`LINE 1:
    /// …`) and the rows' values (`DETAIL: Key …`), and messages travel on to logs and replies.
    init(result: OpaquePointer, fallbackState: Code? = .connectionFailure) {
        func field(_ code: Unicode.Scalar) -> String? {
            PQresultErrorField(result, Int32(UInt8(ascii: code))).map { String(cString: $0) }
        }
        sqlState = field("C").map { Code($0) } ?? fallbackState
        message = (field("M") ?? String(cString: PQresultErrorMessage(result))).trimmed
        constraint = field("n")
    }
}

extension PostgresError {
    /// The error of a connection that is gone or failed, with libpq's own message: the one
    /// way the connection code reports a failure that has no server result to read.
    static func connectionFailed(_ handle: OpaquePointer?, _ fallback: String = "closed") -> PostgresError {
        PostgresError(sqlState: .connectionFailure, message: handle.map { String(cString: PQerrorMessage($0)).trimmed } ?? fallback)
    }

    /// The error of a call on a connection that was already closed.
    static let connectionClosed = PostgresError(sqlState: .connectionDoesNotExist, message: "connection closed")
}
