import Foundation
import Glibc

/// An unlinked temporary file that holds lines between two passes over standard input,
/// which can be read only once. It disappears when closed, or when the process ends.
final class Spool {
    private let descriptor: Int32
    private var pending: [UInt8] = []

    init() throws {
        var template = Array((NSTemporaryDirectory() + "/tafel-import-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw CLIError("cannot create a temporary file: \(String(cString: strerror(errno)))") }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        self.descriptor = descriptor
    }

    /// Adds `line` and its newline.
    func write(_ line: [UInt8]) throws {
        pending.append(contentsOf: line)
        pending.append(0x0A)
        if pending.count >= 1 << 20 { try flush() }
    }

    /// Every line written, from the first.
    func lines() throws -> StandardInput {
        try flush()
        guard lseek(descriptor, 0, SEEK_SET) == 0 else { throw CLIError("cannot rewind the temporary file") }
        return StandardInput(descriptor: descriptor)
    }

    func close() {
        _ = Glibc.close(descriptor)
    }

    private func flush() throws {
        var offset = 0
        while offset < pending.count {
            let written = pending[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw CLIError("writing the temporary file failed: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        pending.removeAll(keepingCapacity: true)
    }
}
