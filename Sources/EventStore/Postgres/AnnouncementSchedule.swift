/// When the writer announces new events to other processes with `NOTIFY`, so that it does
/// not pay for a notification on every commit.
///
/// A `NOTIFY` in a commit is not free: the server takes a global lock at commit, queues the
/// message and signals every listening session, each of which wakes. At one client that was
/// a tenth of the append rate. Other processes need only learn that the head moved, and
/// within 100 ms, so the writer announces at most once per ``interval``: with the commit
/// when one is due, else by a trailing announcement at the end of the interval that names
/// the head reached by then. The writer's own process never waits for it: the writer
/// advances local subscriptions itself.
///
/// A pure state machine, driven by the writer's queue: it holds no clock and does no I/O.
struct AnnouncementSchedule: Sendable, Equatable {
    /// The longest a committed event waits before other processes are told of it.
    static let interval: UInt64 = 20_000_000

    /// What the writer must do after a commit.
    enum Follow: Equatable {
        case nothing
        /// Announce the head at this monotonic time (nanoseconds), unless a commit does first.
        case announceAt(UInt64)
    }

    private(set) var announced: Int64 = 0
    private(set) var committed: Int64 = 0
    private var lastAnnouncedAt: UInt64?
    private var trailingPending = false

    /// Whether the commit about to be sent at `now` should carry the announcement.
    func isDue(at now: UInt64) -> Bool {
        guard let lastAnnouncedAt else { return true }
        return now &- lastAnnouncedAt >= Self.interval
    }

    /// Records a commit through `position` made at `now`, with or without the announcement.
    mutating func committed(through position: Int64, announcing: Bool, at now: UInt64) -> Follow {
        committed = max(committed, position)
        if announcing {
            announced = max(announced, position)
            lastAnnouncedAt = now
        }
        guard announced < committed, !trailingPending else { return .nothing }
        trailingPending = true
        return .announceAt((lastAnnouncedAt ?? now) &+ Self.interval)
    }

    /// The head a trailing announcement must name, or `nil` when a commit announced
    /// everything meanwhile. The caller reports a sent one with ``announcedTrailing(_:at:)``.
    mutating func trailingDue() -> Int64? {
        trailingPending = false
        return announced < committed ? committed : nil
    }

    /// Records a trailing announcement of `position` sent at `now`.
    mutating func announcedTrailing(_ position: Int64, at now: UInt64) {
        announced = max(announced, position)
        lastAnnouncedAt = now
    }
}
