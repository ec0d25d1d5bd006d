import EventStore
import Glibc

/// The `tafel` command line: one entry point, one subcommand per operator task.
///
/// ```
/// tafel verify --store ./tafel-data
/// tafel export --store ./tafel-data | tafel import --store postgresql://…
/// tafel bench append --events 20000 --concurrency 1,8,64
/// ```
@main
struct Tafel {
    /// The release of this build; bumped with every tagged release.
    static let version = "0.1.0"

    static let usage = """
        usage: tafel <command> [options]     (tafel --version prints the release)

        commands:
          serve    [--store S] [--host H] [--port N] …  the JSON-RPC API over HTTP (tafel serve --help lists every option)
          demo     [--store DIR] [--seed N] …      load a year of Maastricht's tables into a fresh store, print tokens, serve it
          verify   --store S [--texts]            recompute the hash chain; exit 1 naming the first bad position;
                                                  --texts: also check every kept free text against its digest
          backup   --store DIR --to NEW_DIR       copy an embedded store's log as far as it holds whole batches, also while it is served
          export   --store S [--from P] [--texts] write the log as NDJSON envelopes to stdout (digests only;
                                                  --texts: with the live free texts, for backups)
          import   --store S                      append NDJSON envelopes (and text lines) from stdin, verifying
                                                  the chain and every text's digest
          migrate  --store postgresql://…         apply pending schema migrations (every open does too)
          replay   --store S (--until TIME | --position P) [--dossier ID | --table ID [--meeting M]] [--today D]
                                                  the state as it was then, as JSON (dossier.get / agenda.get shapes)
          bench append [--store DIR] [--events N] [--concurrency 1,8,64] [--rounds R] [--texts inline|sealed]
                                                  append throughput and latency against a raw fdatasync baseline
                                          (on postgresql://…: against pgbench baselines on the same server;
                                          with R rounds, each against its own baseline, ratios are medians;
                                          sealed: each event's note is stored beside the log)
          bench replay [--events N]               replay speed of a generated log against JSONSerialization
          bench rpc [--url U --token T] [--seconds S] [--concurrency 1,16,64]
                                                  dossier.get and dossier.updateStatus over HTTP against GET /health
          areas import --store S FILE.csv         load an area tree (code,name,kind,parent); all rows or none
          token issue --store S --principal ID --role ROLE [--stadsdeel C]… [--department D]…
                                                  register (or re-key) a principal; prints its new token once
          stress append --store S [--concurrency N] [--events N]
                                                  append until killed, printing each acknowledged position

        --store takes a directory (embedded file store) or a postgresql:// URI; default
        $TAFEL_STORE, else ./tafel-data.
        """

    static func main() async {
        signal(SIGPIPE, SIG_IGN)
        HeapTuning.apply()
        let arguments = Array(CommandLine.arguments.dropFirst())
        let code: Int32
        do {
            code = try await run(arguments)
        } catch let error as CLIError {
            printError("tafel: \(error.message)")
            code = error.exitCode
        } catch let error as EventStoreError {
            printError("tafel: \(error.message)")
            code = 1
        } catch {
            printError("tafel: \(error)")
            code = 1
        }
        exit(code)
    }

    static func run(_ arguments: [String]) async throws -> Int32 {
        guard let command = arguments.first else {
            printError(usage)
            return 2
        }
        let rest = Array(arguments.dropFirst())
        switch command {
        case "serve": return try await ServeCommand.run(rest)
        case "demo": return try await DemoCommand.run(rest)
        case "verify": return try await VerifyCommand.run(try Arguments(rest))
        case "backup": return try await BackupCommand.run(try Arguments(rest))
        case "export": return try await ExportCommand.run(try Arguments(rest))
        case "import": return try await ImportCommand.run(try Arguments(rest))
        case "migrate": return try await MigrateCommand.run(try Arguments(rest))
        case "replay": return try await ReplayCommand.run(try Arguments(rest))
        case "bench": return try await BenchCommand.run(rest)
        case "stress": return try await StressCommand.run(rest)
        case "token": return try await TokenCommand.run(rest)
        case "areas": return try await AreasCommand.run(rest)
        case "--version", "version":
            print("tafel \(version)")
            return 0
        case "help", "--help", "-h":
            print(usage)
            return 0
        default:
            throw CLIError("unknown command '\(command)'\n\n\(usage)", exitCode: 2)
        }
    }
}

/// Writes a line to standard error, where messages go so that stdout stays data.
func printError(_ message: String) { writeLine(message, to: 2) }

/// Writes a line to standard output at once, unbuffered (for output a long-running command
/// prints before it blocks, such as the demo's tokens).
func printNow(_ message: String) { writeLine(message, to: 1) }

func writeLine(_ message: String, to descriptor: Int32) {
    let line = Array((message + "\n").utf8)
    line.withUnsafeBytes { buffer in
        var done = 0
        while done < buffer.count {
            let n = write(descriptor, buffer.baseAddress! + done, buffer.count - done)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            done += n
        }
    }
}
