import Dispatch

/// Telling subscriptions about committed events: this process's at once, other processes'
/// through `NOTIFY`, coalesced by ``AnnouncementSchedule``.
extension PostgresEventStore {
    /// Runs on the writer's queue after a commit through `position`; `announced` says whether
    /// the commit carried the `NOTIFY`.
    func published(_ position: Int64, announced: Bool, at now: UInt64) {
        publish(position, then: recordCommit(through: position, announced: announced, at: now))
    }

    /// The first half of ``published(_:announced:at:)``: records the commit in the schedule,
    /// so that a statement sent before ``publish(_:then:)`` knows whether it must announce.
    func recordCommit(through position: Int64, announced: Bool, at now: UInt64) -> AnnouncementSchedule.Follow {
        announcements.withLock { $0.committed(through: position, announcing: announced, at: now) }
    }

    /// The second half of ``published(_:announced:at:)``: wakes this process's subscriptions
    /// and schedules the trailing announcement when `follow` asks for one.
    func publish(_ position: Int64, then follow: AnnouncementSchedule.Follow) {
        waiters.advance(to: position)
        if case let .announceAt(deadline) = follow {
            writer.queue.asyncAfter(deadline: DispatchTime(uptimeNanoseconds: deadline)) {
                if !self.isClosed { self.announceTrailing() }
            }
        }
    }

    /// Sends the announcement that commits since the last one did not carry. If the connection
    /// is broken it is not retried: the next commit announces, and listeners in other
    /// processes read the head again whenever they reconnect.
    func announceTrailing() {
        guard let position = announcements.withLock({ $0.trailingDue() }) else { return }
        let sent = try? writer.onQueue { connection in
            try connection.query("SELECT pg_notify($1, $2)", [Self.channel, String(position)])
        }
        if sent != nil {
            announcements.withLock { $0.announcedTrailing(position, at: DispatchTime.now().uptimeNanoseconds) }
        }
    }
}
