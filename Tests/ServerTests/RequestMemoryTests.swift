import Dispatch
import Events
import Foundation
import RPC
import Synchronization
import Testing

/// What unauthenticated bodies cost the server in memory, read from the kernel's count of
/// the server process's peak resident memory (`VmHWM`), never from a clock.
@Suite(.serialized) struct RequestMemoryTests {
    /// The server process's peak resident set so far, in bytes.
    func peakResidentBytes(_ fixture: ServerFixture) throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(fixture.server.process.processIdentifier)/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
        else { throw HTTPClientConnection.Failure(description: "no VmHWM in /proc status") }
        return kilobytes * 1024
    }

    /// `count` bodies of about `size` bytes holding `[{},{},…]`, either as the batch itself or
    /// as the params of one call.
    func emptyObjects(_ size: Int, asParams: Bool) -> [UInt8] {
        let prefix = asParams ? Array(#"{"jsonrpc":"2.0","id":1,"method":"audit.verify","params":{"x":["#.utf8) : [UInt8(ascii: "[")]
        let suffix = asParams ? Array("]}}".utf8) : [UInt8(ascii: "]")]
        var body = prefix
        body.reserveCapacity(size + 16)
        while body.count + 3 + suffix.count < size { body += Array("{},".utf8) }
        body += Array("{}".utf8) + suffix
        return body
    }

    @Test func thirtyTwoMebibyteBodiesOfEmptyObjectsStayWithinEightTimesTheirSize() throws {
        // Given a server and 32 unauthenticated bodies of 1 MiB, half a batch, half params.
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        let size = 1024 * 1024
        let bodies = (0..<32).map { emptyObjects(size - 1024, asParams: $0 % 2 == 1) }
        #expect(try fixture.server.connection().request("GET", "/health", headers: []).status == 200)
        let before = try peakResidentBytes(fixture)

        // When they all arrive at once.
        let port = fixture.server.port
        let answers = Mutex<[Int64?]>([])
        DispatchQueue.concurrentPerform(iterations: bodies.count) { index in
            let code = try? HTTPClientConnection(host: "127.0.0.1", port: port, timeout: 60)
                .request("POST", "/rpc", body: bodies[index], headers: [("Content-Type", "application/json")])
            let parsed = code.flatMap { try? JSONParser.parse($0.body) }
            answers.withLock {
                if case let .int(value)? = parsed?["error"]?["code"] { $0.append(value) } else { $0.append(nil) }
            }
        }

        // Then each is refused as an invalid request, and the server's peak memory grew by
        // less than the contract's eight times those bodies, far less in fact.
        let codes = answers.withLock { $0 }
        #expect(codes.count == 32)
        #expect(codes.allSatisfy { $0 == -32600 }, "\(codes)")
        let growth = try peakResidentBytes(fixture) - before
        let total = bodies.reduce(0) { $0 + $1.count }
        #expect(growth < 3 * total, "peak resident memory grew by \(growth / 1024 / 1024) MiB for \(total / 1024 / 1024) MiB of bodies")
        #expect(fixture.server.stop() == 0)
    }
}
