/// When the writer announces new events to other processes with `NOTIFY`, so that it does
/// not pay for a notification on every commit.
///
/// A `NOTIFY` in a commit is not free: the server takes a global lock at commit, queues the
/// message and signals every listening session, each of which wakes. At one client that was
/// a tenth of the append rate. Other processes need only learn that the head moved, and
/// within 100 ms, so the writer announces at most once per ``interval``: with the commit
/// when one is due, else by a trailing announcement that names the head reached by then.
/// The trailing one waits ``grace`` beyond the interval, so that while appends flow a due
/// commit carries the announcement and the timer finds nothing left to send: a trailing
/// announcement is a round trip of its own, during which the writer sends nothing else.
/// The writer's own process never waits for either: the writer advances local
/// subscriptions itself.
///
/// A pure state machine, driven by the writer's queue: it holds no clock and does no I/O.
struct AnnouncementSchedule: Sendable, Equatable {
    /// How often commits may carry an announcement.
    static let interval: UInt64 = 20_000_000
    /// How much longer a trailing announcement waits for a due commit to carry it. The
    /// longest a committed event waits before other processes are told of it is
    /// ``interval`` plus this.
    static let grace: UInt64 = 5_000_000

    /// What the writer must do after a commit.
    enum Follow: Equatable {
        case nothing
        /// Run the trailing timer at this monotonic time (nanoseconds).
        case announceAt(UInt64)
    }

    /// What the trailing timer must do when it fires.
    enum Trailing: Equatable {
        /// Everything committed has been announced.
        case nothing
        /// Announce this head now; report it sent with ``announcedTrailing(_:at:)``.
        case announce(Int64)
        /// A commit announced meanwhile: run the timer again at this time for what followed it.
        case retryAt(UInt64)
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
        return .announceAt((lastAnnouncedAt ?? now) &+ Self.interval &+ Self.grace)
    }

    /// What the trailing timer must do when it fires at `now`. When the store closes, pass
    /// `closing`: then whatever is unannounced goes at once.
    mutating func trailingDue(at now: UInt64, closing: Bool = false) -> Trailing {
        guard announced < committed else {
            trailingPending = false
            return .nothing
        }
        if !closing, let lastAnnouncedAt, now &- lastAnnouncedAt < Self.interval {
            return .retryAt(lastAnnouncedAt &+ Self.interval &+ Self.grace)
        }
        trailingPending = false
        return .announce(committed)
    }

    /// Records a trailing announcement of `position` sent at `now`.
    mutating func announcedTrailing(_ position: Int64, at now: UInt64) {
        announced = max(announced, position)
        lastAnnouncedAt = now
    }
}
