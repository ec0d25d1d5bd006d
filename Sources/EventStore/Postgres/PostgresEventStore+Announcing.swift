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
        if case let .announceAt(deadline) = follow { scheduleTrailing(at: deadline) }
    }

    func scheduleTrailing(at deadline: UInt64) {
        writer.queue.asyncAfter(deadline: DispatchTime(uptimeNanoseconds: deadline)) {
            if !self.isClosed { self.announceTrailing() }
        }
    }

    /// Sends the announcement that commits since the last one did not carry, or, when a
    /// commit announced meanwhile, looks again later. If the connection is broken it is not
    /// retried: the next commit announces, and listeners in other processes read the head
    /// again whenever they reconnect.
    /// - Parameter closing: the store closes, so whatever is unannounced goes at once.
    func announceTrailing(closing: Bool = false) {
        let now = DispatchTime.now().uptimeNanoseconds
        let position: Int64
        switch announcements.withLock({ $0.trailingDue(at: now, closing: closing) }) {
        case .nothing: return
        case let .retryAt(deadline):
            scheduleTrailing(at: deadline)
            return
        case let .announce(head): position = head
        }
        let sent = try? writer.onQueue { connection in
            try connection.query("SELECT pg_notify($1, $2)", [Self.channel, String(position)])
        }
        if sent != nil {
            announcements.withLock { $0.announcedTrailing(position, at: DispatchTime.now().uptimeNanoseconds) }
        }
    }
}
