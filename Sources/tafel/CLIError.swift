/// A command-line failure with the message to print and the exit code to leave with.
struct CLIError: Error {
    var message: String
    var exitCode: Int32

    init(_ message: String, exitCode: Int32 = 1) {
        self.message = message
        self.exitCode = exitCode
    }
}
