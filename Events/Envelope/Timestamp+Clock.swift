import Glibc

extension Timestamp {
    /// The wall clock, to the millisecond.
    package static func now() -> Timestamp {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Timestamp(millisecondsSinceEpoch: Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000)
    }

    /// The calendar date (`YYYY-MM-DD`) of this instant in Europe/Amsterdam, the day the RPC reference
    /// judges `overdue` by when a client gives no `today`.
    ///
    /// Computed from the EU summer-time rule (UTC+2 from 01:00 UTC on the last Sunday of
    /// March to 01:00 UTC on the last Sunday of October, UTC+1 otherwise) rather than from
    /// the system's time-zone database, so that a minimal container answers the same.
    package var amsterdamDate: String {
        let ms = millisecondsSinceEpoch
        let utcDays = ms >= 0 ? ms / 86_400_000 : (ms - 86_399_999) / 86_400_000
        let year = CivilDate.fromDays(utcDays).year
        let summerStart = Self.lastSundayOneAM(year: year, month: 3)
        let summerEnd = Self.lastSundayOneAM(year: year, month: 10)
        let offset: Int64 = (ms >= summerStart && ms < summerEnd) ? 7_200_000 : 3_600_000
        let local = ms + offset
        let days = local >= 0 ? local / 86_400_000 : (local - 86_399_999) / 86_400_000
        let (y, m, d) = CivilDate.fromDays(days)
        return CivilDate.format(year: y, month: m, day: d)
    }

    /// 01:00 UTC on the last Sunday of `month` (March or October), in milliseconds.
    static func lastSundayOneAM(year: Int64, month: Int64) -> Int64 {
        let lastDay = CivilDate.toDays(year: year, month: month, day: 31)
        let weekday = ((lastDay % 7) + 11) % 7  // 0 = Sunday; day 0 (1970-01-01) was a Thursday
        return (lastDay - weekday) * 86_400_000 + 3_600_000
    }
}
