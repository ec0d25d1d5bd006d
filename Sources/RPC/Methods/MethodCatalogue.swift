/// Every method `POST /rpc` answers, in the order of the RPC reference: the single table the
/// dispatcher looks methods up in and `rpc.discover` describes, so the two cannot drift.
package enum MethodCatalogue {
    package static let all: [MethodDescriptor] = commands + queries

    static let byName: [String: MethodDescriptor] = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

    package static func method(named name: String) -> MethodDescriptor? { byName[name] }
}
