import Events

/// Projections at past positions of the log, so that "as of position P" replays from the
/// nearest one at or before P instead of from position 1 (Projections.docc: checkpoints are caches).
///
/// Each checkpoint names the position it stands for and the hash of the event there; whoever
/// uses one first checks that hash against the log and throws the checkpoint away when it
/// does not match, so the cache can never change an answer, only its cost. Checkpoints sit
/// at multiples of ``spacing``; when more than ``capacity`` are kept, the spacing doubles
/// and every other one goes, so memory stays at `capacity` copies of the model however long
/// the log grows, and a replay reads at most about `log length / capacity` events past the
/// nearest checkpoint once the cache has seen the log. Besides them, the ends of the last
/// few replays are kept, so the same moment asked again costs one event read.
package struct CheckpointCache<Model: Projection>: Sendable {
    /// A model as it stood after the event at ``position``.
    package struct Checkpoint: Sendable {
        package var model: Model
        /// The hash (hex) of the event at ``position``, as the log held it.
        package var hash: String
        /// When that event was recorded: an as-of time at or after it may start here.
        package var recordedAt: Timestamp

        package var position: Int64 { model.position }

        package init(model: Model, hash: String, recordedAt: Timestamp) {
            self.model = model
            self.hash = hash
            self.recordedAt = recordedAt
        }
    }

    /// Ascending by position.
    package private(set) var checkpoints: [Checkpoint] = []
    /// Where the last few replays ended, oldest first: as-of queries cluster on a few
    /// moments (the last meeting, the end of a quarter), and asking again costs nothing.
    package private(set) var recent: [Checkpoint] = []
    /// How many replay ends are kept besides the spaced checkpoints.
    package let recentCapacity: Int
    /// Distance between checkpoints; doubles whenever ``capacity`` is exceeded.
    package private(set) var spacing: Int64
    package let capacity: Int

    /// - Parameters:
    ///   - spacing: the first distance between checkpoints; at 1,024 a replay from the
    ///     nearest one folds about as many events as one page read brings.
    ///   - capacity: how many spaced models are kept at most.
    ///   - recentCapacity: how many replay ends are kept besides them.
    package init(spacing: Int64 = 1024, capacity: Int = 16, recentCapacity: Int = 4) {
        self.spacing = max(spacing, 1)
        self.capacity = max(capacity, 1)
        self.recentCapacity = max(recentCapacity, 0)
    }

    /// Whether a replay passing `position` should leave a checkpoint there.
    package func wants(_ position: Int64) -> Bool {
        position > 0 && position % spacing == 0 && index(of: position) == nil
    }

    /// The latest checkpoint at or before `position` whose event was recorded at or before
    /// `time` (when given): where a replay up to that moment may start.
    package func nearest(atOrBefore position: Int64, recordedAtOrBefore time: Timestamp? = nil) -> Checkpoint? {
        func admits(_ checkpoint: Checkpoint) -> Bool {
            checkpoint.position <= position && (time.map { checkpoint.recordedAt <= $0 } ?? true)
        }
        let spaced = checkpoints.last(where: admits)
        guard let ended = recent.filter(admits).max(by: { $0.position < $1.position }) else { return spaced }
        return ended.position > spaced?.position ?? 0 ? ended : spaced
    }

    /// Keeps where a replay ended, forgetting the oldest such end beyond ``recentCapacity``.
    package mutating func remember(_ checkpoint: Checkpoint) {
        guard recentCapacity > 0, checkpoint.position > 0, index(of: checkpoint.position) == nil,
            !recent.contains(where: { $0.position == checkpoint.position })
        else { return }
        recent.append(checkpoint)
        if recent.count > recentCapacity { recent.removeFirst() }
    }

    /// Keeps `checkpoint`, thinning the cache if it grows past ``capacity``.
    package mutating func insert(_ checkpoint: Checkpoint) {
        guard checkpoint.position > 0, index(of: checkpoint.position) == nil else { return }
        let at = checkpoints.firstIndex { $0.position > checkpoint.position } ?? checkpoints.endIndex
        checkpoints.insert(checkpoint, at: at)
        while checkpoints.count > capacity {
            spacing *= 2
            checkpoints.removeAll { $0.position % spacing != 0 }
        }
    }

    /// Throws away the checkpoint at `position`, which did not match the log.
    package mutating func remove(at position: Int64) {
        checkpoints.removeAll { $0.position == position }
        recent.removeAll { $0.position == position }
    }

    func index(of position: Int64) -> Int? {
        checkpoints.firstIndex { $0.position == position }
    }
}
