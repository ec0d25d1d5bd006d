import Events

/// A decided batch's rows as the insert's array parameters, one per column, encoded as the
/// batch grows.
///
/// Why: encoding a batch of about thirty events took the writer 95 µs, and it happened
/// after the previous batch's result arrived, with the server idle. A batch decided ahead
/// (``PostgresEventStore/PlannedAhead``) is now encoded while the server works, and goes
/// out as it is.
struct BatchColumns: Sendable {
    var positions = PostgresBinaryArray(.bigint)
    var streams = PostgresBinaryArray(.text)
    var versions = PostgresBinaryArray(.bigint)
    var types = PostgresBinaryArray(.text)
    var schemaVersions = PostgresBinaryArray(.bigint)
    var eventIds = PostgresBinaryArray(.text)
    var recordedAts = PostgresBinaryArray(.timestamptz)
    var actorIds = PostgresBinaryArray(.text)
    var actorRoles = PostgresBinaryArray(.text)
    var requestIds = PostgresBinaryArray(.text)
    var canonicals = PostgresBinaryArray(.text)
    var previousHashes = PostgresBinaryArray(.bytea)
    var hashes = PostgresBinaryArray(.bytea)

    /// Adds one row: `envelope`, the bytes its hash covers, its raw hash and its predecessor's.
    mutating func append(_ envelope: EventEnvelope, canonical: [UInt8], hash: [UInt8], previousHash: [UInt8]) {
        positions.append(envelope.position)
        streams.append(envelope.stream)
        versions.append(envelope.version)
        types.append(envelope.type)
        schemaVersions.append(envelope.schemaVersion)
        eventIds.append(envelope.eventId)
        recordedAts.append(envelope.recordedAt)
        actorIds.append(envelope.actor.principalId)
        actorRoles.append(envelope.actor.role)
        requestIds.append(envelope.requestId)
        canonicals.append(bytes: canonical)
        previousHashes.append(bytes: previousHash)
        hashes.append(bytes: hash)
    }

    /// Parameters `$4` to `$16` of the insert's many-row form, in column order.
    var parameters: [PostgresParameter] {
        [
            positions, streams, versions, types, schemaVersions, eventIds, recordedAts, actorIds, actorRoles, requestIds,
            canonicals, previousHashes, hashes,
        ].map { .binary($0.encoded) }
    }
}
