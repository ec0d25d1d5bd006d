@testable import EventStore
import Testing

/// The coalescing of `NOTIFY`, as given/when/then on commits and timer firings.
@Suite struct AnnouncementScheduleTests {
    let interval = AnnouncementSchedule.interval
    let grace = AnnouncementSchedule.grace

    @Test func theFirstCommitAnnouncesAndNeedsNoTrailingAnnouncement() {
        var schedule = AnnouncementSchedule()
        #expect(schedule.isDue(at: 5))
        #expect(schedule.committed(through: 3, announcing: true, at: 5) == .nothing)
        #expect(schedule.announced == 3)
    }

    @Test func commitsWithinTheIntervalStayQuietAndOneTrailingAnnouncementNamesTheLastHead() {
        var schedule = AnnouncementSchedule()
        _ = schedule.committed(through: 1, announcing: true, at: 1_000)
        #expect(!schedule.isDue(at: 1_000 + interval / 2))
        #expect(schedule.committed(through: 2, announcing: false, at: 1_000 + interval / 2) == .announceAt(1_000 + interval + grace))
        // Only one timer is asked for, however many quiet commits follow.
        #expect(schedule.committed(through: 5, announcing: false, at: 1_000 + interval - 1) == .nothing)
        #expect(schedule.trailingDue(at: 1_000 + interval + grace) == .announce(5))
        schedule.announcedTrailing(5, at: 1_000 + interval + grace)
        #expect(schedule.announced == 5)
        #expect(!schedule.isDue(at: 1_000 + interval + grace + 1))
    }

    @Test func aCommitThatAnnouncesBeforeTheTimerMakesTheTrailingAnnouncementUnnecessary() {
        var schedule = AnnouncementSchedule()
        _ = schedule.committed(through: 1, announcing: true, at: 0)
        guard case .announceAt = schedule.committed(through: 2, announcing: false, at: 10) else {
            Issue.record("a quiet commit asked for no trailing announcement")
            return
        }
        #expect(schedule.isDue(at: interval))
        #expect(schedule.committed(through: 3, announcing: true, at: interval) == .nothing)
        #expect(schedule.trailingDue(at: interval + grace) == .nothing)
    }

    /// Appends keep flowing: each interval a due commit carries the announcement, and the
    /// timer, set for the quiet commits after it, finds a fresh announcement and looks again
    /// later instead of sending one of its own.
    @Test func whileAppendsFlowDueCommitsCarryTheAnnouncementAndTheTimerOnlyLooksAgain() {
        var schedule = AnnouncementSchedule()
        _ = schedule.committed(through: 1, announcing: true, at: 0)
        #expect(schedule.committed(through: 2, announcing: false, at: 100) == .announceAt(interval + grace))
        #expect(schedule.isDue(at: interval + 50))
        #expect(schedule.committed(through: 3, announcing: true, at: interval + 50) == .nothing)
        #expect(schedule.committed(through: 4, announcing: false, at: interval + 400) == .nothing)
        #expect(schedule.trailingDue(at: interval + grace) == .retryAt(2 * interval + 50 + grace))
        #expect(schedule.committed(through: 5, announcing: false, at: interval + grace + 10) == .nothing)
        // Then the appends stop: the timer announces the last head, 25 ms after the last announcement.
        #expect(schedule.trailingDue(at: 2 * interval + 50 + grace) == .announce(5))
    }

    @Test func closingAnnouncesWhatIsLeftAtOnce() {
        var schedule = AnnouncementSchedule()
        _ = schedule.committed(through: 1, announcing: true, at: 0)
        _ = schedule.committed(through: 2, announcing: false, at: 10)
        #expect(schedule.trailingDue(at: 20, closing: true) == .announce(2))
    }

    @Test func aFailedTrailingAnnouncementIsAskedForAgainByTheNextQuietCommit() {
        var schedule = AnnouncementSchedule()
        _ = schedule.committed(through: 1, announcing: true, at: 0)
        _ = schedule.committed(through: 2, announcing: false, at: 10)
        #expect(schedule.trailingDue(at: interval + grace) == .announce(2))
        // The send failed: nothing is recorded, and the commit after asks for a timer again.
        #expect(schedule.isDue(at: interval + grace + 20))
        #expect(schedule.committed(through: 3, announcing: false, at: interval + grace + 20) == .announceAt(interval + grace))
    }
}
