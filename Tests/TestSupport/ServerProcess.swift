import Events
import Foundation
import RPC

/// A `tafel serve` (or `tafel demo`) child process on a free port, for tests that talk to
/// the server as clients do: over real HTTP.
package final class ServerProcess: @unchecked Sendable {
    package let process: Process
    package let port: Int
    package let logPath: String

    /// Starts `tafel <arguments…> --port 0` and waits for its banner naming the port; with
    /// `descriptorLimit`, under that limit of open files (soft and hard).
    package init(_ arguments: [String], logPath: String, environment: [String: String] = [:], descriptorLimit: Int? = nil) throws {
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        _ = FileManager.default.createFile(atPath: logPath + ".out", contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try TafelProcess.binary)
        process.arguments = arguments + ["--port", "0"]
        if let descriptorLimit {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "ulimit -n \(descriptorLimit) && exec \"$0\" \"$@\"", try TafelProcess.binary] + arguments + ["--port", "0"]
        }
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        process.standardOutput = FileHandle(forWritingAtPath: logPath + ".out")
        process.standardError = FileHandle(forWritingAtPath: logPath)
        try process.run()
        self.process = process
        self.logPath = logPath
        let deadline = Date().addingTimeInterval(60)
        while true {
            let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            if let range = log.range(of: "http://127.0.0.1:") {
                let digits = log[range.upperBound...].prefix { $0.isNumber }
                if let port = Int(digits) {
                    self.port = port
                    return
                }
            }
            guard process.isRunning, Date() < deadline else {
                process.terminate()
                throw HTTPClientConnection.Failure(description: "tafel did not start: \(log)")
            }
            usleep(20_000)
        }
    }

    /// Everything the server wrote to standard error so far.
    package var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Everything the process printed on standard output so far.
    package var output: String { (try? String(contentsOfFile: logPath + ".out", encoding: .utf8)) ?? "" }

    package func connection(timeout: Double = 10) throws -> HTTPClientConnection {
        try HTTPClientConnection(host: "127.0.0.1", port: port, timeout: timeout)
    }

    /// Posts `body` to `/rpc` on a fresh connection and parses the answer (`nil`: empty body).
    package func post(_ body: String, token: String?) throws -> (status: Int, json: JSONValue?) {
        var headers: [(String, String)] = [("Content-Type", "application/json")]
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        let response = try connection().request("POST", "/rpc", body: Array(body.utf8), headers: headers)
        if response.body.isEmpty { return (response.status, Optional<JSONValue>.none) }
        return (response.status, try JSONParser.parse(response.body))
    }

    /// One call; returns the whole response object.
    package func call(_ method: String, _ params: JSONValue = .object([]), token: String?) throws -> JSONValue {
        let request = JSONValue.object([("jsonrpc", "2.0"), ("id", 1), ("method", .string(method)), ("params", params)])
        guard let json = try post(String(decoding: request.canonicalBytes, as: UTF8.self), token: token).json else {
            throw HTTPClientConnection.Failure(description: "empty answer to \(method)")
        }
        return json
    }

    /// The log head the server reports on `/health`.
    package func headPosition() throws -> Int64? {
        let response = try connection().request("GET", "/health", headers: [])
        guard case let .int(position)? = try JSONParser.parse(response.body)["headPosition"] else { return nil }
        return position
    }

    /// Sends SIGTERM and waits for the exit status.
    package func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}
