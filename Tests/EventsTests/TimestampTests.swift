import Events
import Testing

@Suite struct TimestampTests {
    @Test func formatsAndParsesMilliseconds() {
        let time = Timestamp(millisecondsSinceEpoch: 1_795_000_000_123)
        #expect(time.iso8601 == "2026-11-18T11:06:40.123Z")
        #expect(Timestamp(iso8601: time.iso8601) == time)
        #expect(Timestamp(iso8601: "2026-11-18T12:06:40.123+01:00") == time)
        #expect(Timestamp(iso8601: "1970-01-01T00:00:00Z")?.millisecondsSinceEpoch == 0)
        // Fractions past the millisecond are cut, not rounded; up to nine digits are read.
        #expect(Timestamp(iso8601: "2026-11-18T11:06:40.123456789Z") == time)
        #expect(Timestamp(iso8601: "2026-11-18T11:06:40.1239Z") == time)
        #expect(Timestamp(iso8601: "2026-11-18T11:06:40.1Z")?.millisecondsSinceEpoch == 1_795_000_000_100)
        #expect(Timestamp(iso8601: "2026-11-18T11:06:40.1234567890Z") == nil)
    }

    @Test(arguments: ["2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-18 05:06:40Z", "2026-11-18T25:00:00Z", "yesterday"])
    func refusesTimesThatDoNotExist(text: String) {
        #expect(Timestamp(iso8601: text) == nil)
    }

    @Test func leapYears() {
        #expect(CivilDate.isValid(year: 2024, month: 2, day: 29))
        #expect(!CivilDate.isValid(year: 2026, month: 2, day: 29))
        #expect(!CivilDate.isValid(year: 1900, month: 2, day: 29))
        #expect(CivilDate.isValid(year: 2000, month: 2, day: 29))
    }
}
