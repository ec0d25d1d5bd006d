import Events

/// One named parameter of a method: what `rpc.discover` publishes and what the dispatcher
/// checks before the method runs.
public struct ParamSpec: Sendable {
    public var name: String
    public var type: ParamType
    public var required: Bool
    public var summary: String

    public static func required(_ name: String, _ type: ParamType, _ summary: String) -> ParamSpec {
        ParamSpec(name: name, type: type, required: true, summary: summary)
    }

    public static func optional(_ name: String, _ type: ParamType, _ summary: String) -> ParamSpec {
        ParamSpec(name: name, type: type, required: false, summary: summary)
    }
}
