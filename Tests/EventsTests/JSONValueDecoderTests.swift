import Events
import Testing

@Suite struct JSONValueDecoderTests {
    struct Sample: Codable, Equatable {
        struct Inner: Codable, Equatable { var n: Int; var d: Double? }
        var name: String
        var tags: [String]
        var inner: Inner
        var list: [Inner]
        var flag: Bool
        var missing: String?
        var big: Int64
    }

    @Test func decodesNestedValuesOptionalsAndArrays() throws {
        let value = try JSONParser.parse(#"{"name":"Wyck","tags":["a","b"],"inner":{"n":3,"d":1.5},"list":[{"n":1},{"n":2,"d":null}],"flag":true,"big":9007199254740993}"#)
        let sample = try JSONValueDecoder().decode(Sample.self, from: value)
        #expect(sample == Sample(name: "Wyck", tags: ["a", "b"], inner: .init(n: 3, d: 1.5), list: [.init(n: 1, d: nil), .init(n: 2, d: nil)], flag: true, missing: nil, big: 9_007_199_254_740_993))
    }

    @Test func namesThePathOfAMismatch() throws {
        let value = try JSONParser.parse(#"{"name":"x","tags":[1],"inner":{"n":3},"list":[],"flag":true,"big":1}"#)
        #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(Sample.self, from: value) }
        let fractional = try JSONParser.parse(#"{"name":"x","tags":[],"inner":{"n":3.5},"list":[],"flag":true,"big":1}"#)
        #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(Sample.self, from: fractional) }
    }

    @Test func everyEventKindRoundTrips() throws {
        let events: [any DomainEvent] = [
            PrincipalRegistered(principalId: "p", name: "P", role: "admin", stadsdelen: ["SD-a"], departments: ["d"], tokenHash: "h"),
            AgendaItemCarriedOver(meetingId: "m2", itemId: "a", fromMeetingId: "m1", fromItemId: "a", dossierId: "d1", position: 1),
            DepartmentRegistered(departmentId: "politie", name: "Politie", external: true),
        ]
        for event in events {
            let kind = type(of: event)
            let decoded = try kind.init(data: event.data)
            #expect(decoded.data == event.data)
        }
    }
}
