import Events
import Foundation
import RPC

extension RPCBenchmark {
    /// What the benchmark reads and writes, set up through the API with the admin token: a
    /// stadsdeel, a table, a department, its member and an auditor, and one dossier per client.
    struct Fixture: Sendable {
        var dossiers: [String]
        var reader: String
        var department: String

        static func body(_ method: String, _ params: String) -> [UInt8] {
            Array(#"{"jsonrpc":"2.0","id":1,"method":"\#(method)","params":\#(params)}"#.utf8)
        }

        static func create(target: Target, admin: String, dossiers count: Int) throws -> Fixture {
            let connection = try HTTPClientConnection(host: target.host, port: target.port)
            let run = "b" + EventId.random().prefix(8)
            func call(_ method: String, _ params: String) throws -> JSONValue {
                let response = try connection.request(
                    "POST", "/rpc", body: body(method, params), headers: [("Content-Type", "application/json"), ("Authorization", "Bearer \(admin)")])
                let answer = try JSONParser.parse(response.body)
                guard let result = answer["result"] else {
                    throw CLIError("benchmark set-up: \(method) failed: \(response.text)")
                }
                return result
            }
            func token(_ result: JSONValue) throws -> String {
                guard case let .string(token)? = result["token"] else { throw CLIError("benchmark set-up: no token returned") }
                return token
            }
            _ = try? call("area.define", #"{"code":"SD-bench","name":"Benchmark","kind":"stadsdeel"}"#)
            _ = try? call("department.register", #"{"departmentId":"bench-dept","name":"Benchmark department"}"#)
            let department = try token(call("principal.register",
                #"{"principalId":"\#(run)-dept","name":"Benchmark member","role":"department","departments":["bench-dept"]}"#))
            let reader = try token(call("principal.register", #"{"principalId":"\#(run)-auditor","name":"Benchmark reader","role":"auditor"}"#))
            _ = try call("table.establish", #"{"tableId":"\#(run)","name":"Benchmark table","stadsdeel":"SD-bench","members":["bench-dept"]}"#)
            var dossiers: [String] = []
            for index in 0..<count {
                let id = "\(run)-\(index)"
                _ = try call("dossier.raise", #"{"tableId":"\#(run)","title":"Benchmark dossier \#(index)","dossierId":"\#(id)","deadline":"2027-01-01"}"#)
                _ = try call("dossier.assign", #"{"dossierId":"\#(id)","departmentId":"bench-dept","role":"lead"}"#)
                dossiers.append(id)
            }
            return Fixture(dossiers: dossiers, reader: reader, department: department)
        }
    }
}
