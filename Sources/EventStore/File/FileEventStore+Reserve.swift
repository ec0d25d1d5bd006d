import Events
import Glibc

extension FileEventStore {
    /// How much the reserver gives the file at a time beyond the log's end, unless
    /// ``open(directory:create:clock:reserveChunk:)`` is told otherwise.
    package static let defaultReserveChunk: Int64 = 16 * 1024 * 1024

    /// Runs on ``writer`` before it writes through `end`: makes sure the next stretch of
    /// the file is being given real, zeroed blocks ahead of the log, and waits only when
    /// the batch would reach into a stretch that is still being zeroed.
    ///
    /// Why: a batch written below the file's size into blocks that already hold data
    /// leaves the inode and the extent tree alone, so its `fdatasync` flushes the data
    /// only. Growing the file with every batch made every flush write the inode as well,
    /// and blocks from `posix_fallocate` alone are *unwritten* extents, whose conversion
    /// the flush must also write. On this project's build machine, 12,000-byte writes each
    /// followed by `fdatasync` ran at about 4,200/s into fallocated blocks and 5,100/s
    /// into zeroed ones. The zeroing runs on ``reserver``, half a chunk ahead, so the
    /// writer seldom waits for it. Zeros after the last record are unused space, not a
    /// torn tail (see ``endOfRecords(_:at:fileSize:index:damage:tear:)``), and ``close()``
    /// cuts them off again.
    func reserveAhead(writingThrough end: Int64) {
        enum Step { case write, wait, start(Range<Int64>) }
        while true {
            let step: Step = ahead.withLock { view in
                if let zeroing = view.zeroing { return end > zeroing.lowerBound ? .wait : .write }
                guard view.reservedEnd - end < reserveChunk / 2, end >= view.retryReservingAt else { return .write }
                let from = max(view.reservedEnd, end)
                let stretch = from..<from + reserveChunk
                view.zeroing = stretch
                return .start(stretch)
            }
            switch step {
            case .write: return
            // The reserver is serial: once this returns, the stretch in the way is done.
            case .wait: reserver.sync {}
            case let .start(stretch):
                reserver.async { self.zero(stretch) }
                return
            }
        }
    }

    /// Runs on ``reserver``: gives the file `stretch` as zeroed, flushed blocks. When the
    /// file system refuses the blocks (full, or no support) the writer simply goes on
    /// writing at the end of the file, growing it; the `pwrite` reports a full disk itself.
    ///
    /// The zeros go through a descriptor of their own, opened with `O_DSYNC`: each piece is
    /// flushed alone, so the syncer's next `fdatasync` never finds megabytes of them dirty,
    /// and a failed write-back is reported here without hiding it from the syncer's
    /// descriptor (Linux reports such an error once to every open file).
    func zero(_ stretch: Range<Int64>) {
        let length = stretch.upperBound - stretch.lowerBound
        var done = false
        if log.allocate(from: stretch.lowerBound, length: length),
            let zeroing = try? POSIXFile(path: log.path, flags: O_WRONLY | O_DSYNC)
        {
            done = (try? zeroing.writeZeros(from: stretch.lowerBound, length: length)) != nil
        }
        ahead.withLock { view in
            view.zeroing = nil
            if done {
                view.reservedEnd = max(view.reservedEnd, stretch.upperBound)
            } else {
                view.retryReservingAt = stretch.upperBound
            }
        }
    }
}
