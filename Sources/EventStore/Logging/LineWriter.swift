import Foundation
import Glibc
import Synchronization

/// Writes the lines of a ``Logger`` to a file descriptor from a thread of its own, so that a reader of
/// standard error that stalls (a full pipe, a stopped `journald`) never stalls the thread
/// that answers requests. Lines wait in a bounded queue; when it is full a line is dropped
/// and counted, because losing a log line is better than losing the server.
///
/// While the reader keeps up, a line is written at once, on the caller's thread, so that the
/// log shows a call before its reply reaches the client: when nothing waits in the queue
/// and `poll` finds room, a write of at most `PIPE_BUF` bytes does not block.
package final class LineWriter: Sendable {
    /// The writer to standard error, started on first use.
    package static let standardError = LineWriter(fileDescriptor: 2)

    struct Queue {
        var lines: [[UInt8]] = []
        var bytes = 0
        var dropped: UInt64 = 0
        /// Whether the thread is writing lines it took from the queue.
        var draining = false
    }

    let fileDescriptor: Int32
    /// Bytes of lines that may wait.
    let maximumBytes: Int
    let queue = Mutex(Queue())
    let waiting = DispatchSemaphore(value: 0)

    package init(fileDescriptor: Int32, maximumBytes: Int = 1 << 20) {
        self.fileDescriptor = fileDescriptor
        self.maximumBytes = maximumBytes
        let thread = Thread { [self] in drain() }
        thread.name = "tafel-log-writer"
        thread.start()
    }

    /// Lines dropped because the queue was full.
    package var droppedLines: UInt64 { queue.withLock { $0.dropped } }

    /// Queues `line` (newline included) without waiting.
    package func write(_ line: [UInt8]) {
        let queued = queue.withLock { queue in
            if queue.lines.isEmpty, !queue.draining, line.count <= Int(PIPE_BUF), isWritable() {
                writeWhole(line)
                return false
            }
            guard queue.bytes + line.count <= maximumBytes else {
                queue.dropped += 1
                return false
            }
            queue.lines.append(line)
            queue.bytes += line.count
            return true
        }
        if queued { waiting.signal() }
    }

    func drain() {
        while true {
            waiting.wait()
            // Everything queued at once: the writes happen outside the lock, and the
            // queue has room again while they do.
            let lines = queue.withLock { queue in
                defer {
                    queue.lines = []
                    queue.bytes = 0
                    queue.draining = true
                }
                return queue.lines
            }
            for line in lines { writeWhole(line) }
            queue.withLock { $0.draining = !$0.lines.isEmpty }
        }
    }

    /// Whether a write of up to `PIPE_BUF` bytes would not block now.
    func isWritable() -> Bool {
        var entry = pollfd(fd: fileDescriptor, events: Int16(POLLOUT), revents: 0)
        return poll(&entry, 1, 0) == 1 && entry.revents & Int16(POLLOUT) != 0
    }

    /// Writes `line` whole, retrying short writes and `EINTR`.
    func writeWhole(_ line: [UInt8]) {
        line.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(fileDescriptor, base + offset, bytes.count - offset)
                if written > 0 { offset += written } else if errno != EINTR { return }
            }
        }
    }
}
