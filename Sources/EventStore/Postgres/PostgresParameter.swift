/// One parameter of a statement: as text (`nil` is SQL NULL), or already in PostgreSQL's
/// binary format (see ``PostgresBinaryArray``) where the text form would cost parsing and
/// escaping on both sides.
enum PostgresParameter {
    case text(String?)
    case binary([UInt8])
}
