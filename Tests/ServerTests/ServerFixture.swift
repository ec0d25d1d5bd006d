import Events
import Foundation
import RPC
import TestSupport

/// A fresh store with an admin token and a `tafel serve` on it, plus helpers to read answers.
struct ServerFixture {
    let directory: String
    let server: ServerProcess
    let admin: String

    init(_ extra: [String] = [], environment: [String: String] = [:]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tafel-server-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let issued = try TafelProcess.run(["token", "issue", "--store", directory + "/data", "--principal", "admin", "--role", "admin"])
        guard issued.status == 0 else { throw HTTPClientConnection.Failure(description: issued.stderr) }
        admin = issued.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        server = try ServerProcess(["serve", "--store", directory + "/data"] + extra, logPath: directory + "/serve.log", environment: environment)
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }

    /// The `result` of a call that must succeed.
    func result(_ method: String, _ params: JSONValue = .object([]), token: String) throws -> JSONValue {
        let answer = try server.call(method, params, token: token)
        guard let result = answer["result"] else {
            throw HTTPClientConnection.Failure(description: "\(method) failed: \(String(decoding: answer.canonicalBytes, as: UTF8.self))")
        }
        return result
    }

    /// The error code and `data` of a call that must fail.
    func failure(_ method: String, _ params: JSONValue = .object([]), token: String?) throws -> (code: Int64, data: JSONValue) {
        let answer = try server.call(method, params, token: token)
        guard case let .int(code)? = answer["error"]?["code"], let data = answer["error"]?["data"] else {
            throw HTTPClientConnection.Failure(description: "\(method) did not fail: \(String(decoding: answer.canonicalBytes, as: UTF8.self))")
        }
        return (code, data)
    }

    /// Registers a principal and returns its token.
    func principal(_ id: String, role: String, stadsdelen: [String] = [], departments: [String] = []) throws -> String {
        let result = try result("principal.register", [
            "principalId": .string(id), "name": .string(id), "role": .string(role),
            "stadsdelen": .array(stadsdelen.map(JSONValue.string)), "departments": .array(departments.map(JSONValue.string)),
        ], token: admin)
        guard case let .string(token)? = result["token"] else { throw HTTPClientConnection.Failure(description: "no token") }
        return token
    }
}

extension JSONValue {
    /// Element `index` of an array.
    subscript(index: Int) -> JSONValue? {
        guard case let .array(elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    var count: Int {
        if case let .array(elements) = self { return elements.count }
        return 0
    }
}
