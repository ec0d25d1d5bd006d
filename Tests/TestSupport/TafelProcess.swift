import EventStore
import Foundation

/// Runs the built `tafel` executable as a child process, as an operator would.
package enum TafelProcess {
    package static var binary: String {
        get throws {
            if let configured = ProcessInfo.processInfo.environment["TAFEL_BIN"] { return configured }
            let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            var candidates = [testBinary.appendingPathComponent("tafel").path]
            let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent()
            candidates.append(packageRoot.appendingPathComponent(".build/debug/tafel").path)
            guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
                throw EventStoreError(.unavailable, "tafel binary not found in \(candidates)")
            }
            return found
        }
    }

    /// Starts `tafel arguments…` with stdout captured.
    package static func start(_ arguments: [String]) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try binary)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        return (process, output)
    }

    /// Starts `tafel arguments…` with stdout going to a file: unlike a pipe, a file needs no
    /// end-of-file from every process that might have inherited it (a restarted server).
    package static func start(_ arguments: [String], outputFile: String) throws -> Process {
        guard FileManager.default.createFile(atPath: outputFile, contents: nil) else {
            throw EventStoreError(.io, "cannot create \(outputFile)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try binary)
        process.arguments = arguments
        process.standardOutput = FileHandle(forWritingAtPath: outputFile)
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs a program to its end with `posix_spawn` and `waitpid`, for programs that leave a
    /// daemon behind (`pg_ctl restart`): Foundation's `Process` waits for a descriptor the
    /// daemon inherits and would never see the end.
    package static func spawnAndWait(_ path: String, _ arguments: [String]) throws -> Int32 {
        var pid: pid_t = 0
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let spawned = posix_spawn(&pid, path, nil, nil, argv, environ)
        guard spawned == 0 else { throw EventStoreError(.io, "cannot run \(path): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status >> 8) & 0xFF
    }

    /// Runs `tafel arguments…` to the end: exit status, stdout and stderr.
    package static func run(_ arguments: [String], input: Data? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try binary)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let inputPipe = Pipe()
        process.standardInput = inputPipe
        try process.run()
        if let input { inputPipe.fileHandleForWriting.write(input) }
        try inputPipe.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    /// The `ack <position> <eventId>` lines a stress writer printed.
    package static func acknowledgements(_ printed: String) -> [Int64: String] {
        var acknowledged: [Int64: String] = [:]
        for line in printed.split(separator: "\n") {
            let parts = line.split(separator: " ")
            // The last line may itself be torn by a kill; only whole lines count.
            guard parts.count == 3, parts[0] == "ack", let position = Int64(parts[1]), parts[2].count == 36 else { continue }
            acknowledged[position] = String(parts[2])
        }
        return acknowledged
    }
}
