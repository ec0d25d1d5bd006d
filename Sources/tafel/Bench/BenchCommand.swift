/// `tafel bench <what>`: the project's own benchmarks, each reporting against a baseline
/// measured in the same run, because the machines are shared and noisy.
enum BenchCommand {
    static func run(_ arguments: [String]) async throws -> Int32 {
        guard let what = arguments.first else { throw CLIError("usage: tafel bench append [options]", exitCode: 2) }
        let rest = try Arguments(Array(arguments.dropFirst()))
        switch what {
        case "append": return try await AppendBenchmark.run(rest)
        case "replay": return try await ReplayBenchmark.run(rest)
        case "rpc": return try await RPCBenchmark.run(rest)
        default: throw CLIError("unknown benchmark '\(what)' (known: append, replay, rpc)", exitCode: 2)
        }
    }
}
