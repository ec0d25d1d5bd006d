extension SealedText {
    /// The line `tafel export --texts` writes for a text, before the envelope that refers
    /// to it: `{"text": {"ref", "salt" (hex), "value"}}`. An envelope line never has a
    /// single member `text`, so `tafel import` tells the two apart.
    package var exportJSON: JSONValue {
        .object([("text", .object([("ref", .string(ref)), ("salt", .string(Hex.encode(salt))), ("value", .string(text))]))])
    }

    /// Reads an ``exportJSON`` line; `nil` when `json` is not one (an envelope).
    /// - Throws: when it is a text line but malformed.
    package init?(exportJSON json: JSONValue) throws(FreeTextLineError) {
        guard case let .object(outer) = json, outer.count == 1, outer[0].0 == "text" else { return nil }
        guard case let .object(members) = outer[0].1 else { throw FreeTextLineError("a text line's text is not an object") }
        var ref: String?
        var salt: [UInt8]?
        var value: String?
        for (key, member) in members {
            guard case let .string(string) = member else { throw FreeTextLineError("a text line's \(key) is not a string") }
            switch key {
            case "ref": ref = string
            case "salt": salt = Hex.decode(string)
            case "value": value = string
            default: throw FreeTextLineError("a text line has an unknown member \(key)")
            }
        }
        guard let ref, !ref.isEmpty, let salt, salt.count == SealedText.saltBytes, let value else {
            throw FreeTextLineError("a text line needs ref, a \(SealedText.saltBytes)-byte hex salt and value")
        }
        self.init(ref: ref, salt: salt, text: value)
    }
}

/// Why a text line of an export cannot be read.
package struct FreeTextLineError: Error, Sendable, CustomStringConvertible {
    package var description: String

    package init(_ description: String) { self.description = description }
}
