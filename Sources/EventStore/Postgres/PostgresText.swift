/// Text forms PostgreSQL reads as parameters: array literals and hex bytea.
enum PostgresText {
    /// `{"a","b\"c"}` — a `text[]` literal with every element quoted and escaped.
    static func array(_ elements: [String]) -> String {
        var out = "{"
        for (index, element) in elements.enumerated() {
            if index > 0 { out += "," }
            out += "\""
            for character in element.unicodeScalars {
                if character == "\"" || character == "\\" { out += "\\" }
                out.unicodeScalars.append(character)
            }
            out += "\""
        }
        return out + "}"
    }
}
