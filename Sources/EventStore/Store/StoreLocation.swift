/// Where a store lives, as given by `--store` or `TAFEL_STORE`: a directory path for the
/// embedded file store, or a `postgresql://` / `postgres://` URI for PostgreSQL.
package enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
    case directory(String)
    case postgres(String)

    /// The default when neither `--store` nor `TAFEL_STORE` is given.
    package static let defaultDirectory = "./tafel-data"

    package init(_ text: String) {
        if text.hasPrefix("postgresql://") || text.hasPrefix("postgres://") {
            self = .postgres(text)
        } else {
            self = .directory(text)
        }
    }

    /// The location for the command line: `--store` wins, then `TAFEL_STORE`, then the default.
    package static func resolve(flag: String?, environment: [String: String]) -> StoreLocation {
        StoreLocation(flag ?? environment["TAFEL_STORE"] ?? defaultDirectory)
    }

    /// A form safe to print: the password of a URI is masked.
    package var description: String {
        switch self {
        case let .directory(path): return path
        case let .postgres(uri):
            guard let at = uri.firstIndex(of: "@"), let schemeEnd = uri.range(of: "://")?.upperBound,
                let colon = uri[schemeEnd..<at].firstIndex(of: ":")
            else { return uri }
            return String(uri[..<uri.index(after: colon)]) + "***" + String(uri[at...])
        }
    }
}
