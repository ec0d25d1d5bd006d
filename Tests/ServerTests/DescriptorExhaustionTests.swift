import Foundation
import RPC
import TestSupport
import Testing

/// A server out of file descriptors keeps serving what it has and does not burn the
/// processor retrying `accept`: measured in the processor time the kernel counts for it.
@Suite(.serialized) struct DescriptorExhaustionTests {
    /// User plus system time of `pid` so far, in clock ticks.
    func processorTicks(_ pid: Int32) throws -> Int {
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        guard let close = stat.lastIndex(of: ")") else { return 0 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After the command name: state is field 3, utime 14 and stime 15 (1-based).
        return (Int(fields[11]) ?? 0) + (Int(fields[12]) ?? 0)
    }

    @Test func runningOutOfDescriptorsDoesNotSpinTheLoop() throws {
        // Given a server limited to 64 open files.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tafel-emfile-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let server = try ServerProcess(["serve", "--store", directory + "/data"], logPath: directory + "/serve.log", descriptorLimit: 64)
        #expect(try server.connection().request("GET", "/health", headers: []).status == 200)

        // When 100 clients connect and stay, more than it can accept.
        var clients: [HTTPClientConnection] = []
        for _ in 0..<100 { clients.append(try server.connection()) }
        Thread.sleep(forTimeInterval: 0.2)
        let before = try processorTicks(server.process.processIdentifier)
        Thread.sleep(forTimeInterval: 1)
        let ticks = try processorTicks(server.process.processIdentifier) - before

        // Then it used next to no processor time meanwhile, and serves again once they leave.
        #expect(ticks < 10, "\(ticks) ticks of processor time in one second")
        clients.removeAll()
        var status: Int?
        for _ in 0..<50 where status == nil {
            status = try? server.connection(timeout: 2).request("GET", "/health", headers: []).status
        }
        #expect(status == 200)
        #expect(server.stop() == 0)
    }
}
