@testable import EventStore
import Testing

/// The coalescing of `NOTIFY`, as given/when/then on commits and timer firings.
@Suite struct AnnouncementScheduleTests {
    let interval = AnnouncementSchedule.interval

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
        #expect(schedule.committed(through: 2, announcing: false, at: 1_000 + interval / 2) == .announceAt(1_000 + interval))
        // Only one timer is asked for, however many quiet commits follow.
        #expect(schedule.committed(through: 5, announcing: false, at: 1_000 + interval - 1) == .nothing)
        #expect(schedule.trailingDue() == 5)
        schedule.announcedTrailing(5, at: 1_000 + interval)
        #expect(schedule.announced == 5)
        #expect(!schedule.isDue(at: 1_000 + interval + 1))
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
        #expect(schedule.trailingDue() == nil)
    }

    @Test func aFailedTrailingAnnouncementIsAskedForAgainByTheNextQuietCommit() {
        var schedule = AnnouncementSchedule()
        _ = schedule.committed(through: 1, announcing: true, at: 0)
        _ = schedule.committed(through: 2, announcing: false, at: 10)
        #expect(schedule.trailingDue() == 2)
        // The send failed: nothing is recorded, and the commit after asks for a timer again.
        #expect(schedule.isDue(at: interval + 20))
        #expect(schedule.committed(through: 3, announcing: false, at: interval + 20) == .announceAt(interval))
    }
}
