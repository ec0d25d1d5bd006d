import Events

/// One named parameter of a method: what `rpc.discover` publishes and what the dispatcher
/// checks before the method runs.
package struct ParamSpec: Sendable {
    package var name: String
    package var type: ParamType
    package var required: Bool
    package var summary: String

    package static func required(_ name: String, _ type: ParamType, _ summary: String) -> ParamSpec {
        ParamSpec(name: name, type: type, required: true, summary: summary)
    }

    package static func optional(_ name: String, _ type: ParamType, _ summary: String) -> ParamSpec {
        ParamSpec(name: name, type: type, required: false, summary: summary)
    }
}
