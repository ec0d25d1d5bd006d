import EventStore
import Events
import Testing

/// What a store refuses before it writes anything, on both stores alike: a refused request
/// fails alone, never the group-commit batch it was queued with.
@Suite struct AppendValidationConformanceTests {
    /// Requests that each carry U+0000 in one place that goes into a row.
    static func withU0000() -> [(String, AppendRequest)] {
        let nul = "a\u{0}b"
        func event(_ data: JSONValue, type: String = "DepartmentStatusUpdated", eventId: String = ProposedEvent.newEventId())
            -> ProposedEvent
        {
            ProposedEvent(type: type, eventId: eventId, data: data)
        }
        let good = Sample.event().data
        return [
            ("stream", AppendRequest(stream: "dossier-\(nul)", events: [Sample.event()], actor: Sample.actor)),
            ("requestId", AppendRequest(stream: "dossier-r", events: [Sample.event()], actor: Sample.actor, requestId: nul)),
            ("actor", AppendRequest(stream: "dossier-r", events: [Sample.event()], actor: Actor(principalId: nul, role: "regisseur"))),
            ("role", AppendRequest(stream: "dossier-r", events: [Sample.event()], actor: Actor(principalId: "p", role: nul))),
            ("type", AppendRequest(stream: "dossier-r", events: [event(good, type: nul)], actor: Sample.actor)),
            ("eventId", AppendRequest(stream: "dossier-r", events: [event(good, eventId: nul)], actor: Sample.actor)),
            ("correlationId", AppendRequest(stream: "dossier-r", events: [Sample.event()], actor: Sample.actor, correlationId: nul)),
            ("data value", AppendRequest(stream: "dossier-r", events: [event(.object([("note", .string(nul))]))], actor: Sample.actor)),
            ("data key", AppendRequest(stream: "dossier-r", events: [event(.object([(nul, .int(1))]))], actor: Sample.actor)),
            (
                "nested data",
                AppendRequest(
                    stream: "dossier-r", events: [Sample.event(), event(.object([("list", .array([.null, .string(nul)]))]))],
                    actor: Sample.actor)
            ),
        ]
    }

    @Test(arguments: StoreKind.allCases)
    func aRequestCarryingU0000FailsAloneAndTheOthersInItsBatchSucceed(kind: StoreKind) async throws {
        let store = try await kind.makeStore().open()
        let bad = Self.withU0000()
        let outcomes = await withTaskGroup(of: (String?, Result<AppendResult, EventStoreError>).self) { group in
            for index in 0..<40 {
                group.addTask {
                    do { return (nil, .success(try await store.append(Sample.request("dossier-good-\(index)", 2)))) }
                    catch { return (nil, .failure(EventStoreError.from(error))) }
                }
            }
            for (place, request) in bad {
                group.addTask {
                    do { return (place, .success(try await store.append(request))) }
                    catch { return (place, .failure(EventStoreError.from(error))) }
                }
            }
            var all: [(String?, Result<AppendResult, EventStoreError>)] = []
            for await outcome in group { all.append(outcome) }
            return all
        }
        for (place, outcome) in outcomes {
            switch (place, outcome) {
            case (nil, .success): break
            case let (nil, .failure(error)): Issue.record("a good append failed: \(error)")
            case let (place?, .success): Issue.record("U+0000 in \(place) was accepted")
            case let (place?, .failure(error)): #expect(error.code == .invalidRequest, "\(place): \(error)")
            }
        }
        let all = try await store.read(from: 1, limit: 1000)
        #expect(all.count == 80)
        #expect(all.allSatisfy { $0.stream.hasPrefix("dossier-good-") })
        #expect(try await store.head().position == 80)
        await store.close()
    }

    @Test(arguments: StoreKind.allCases)
    func anEventWhoseFrameExceedsTheCapIsRefusedAndNothingIsWritten(kind: StoreKind) async throws {
        let store = try await kind.makeStore().open()
        let cap = AppendRequest.maximumFrameBytes
        func request(noteBytes: Int, stream: String) -> AppendRequest {
            AppendRequest(
                stream: stream,
                events: [Sample.event(), ProposedEvent(type: "DossierNoted", data: .object([("note", .string(String(repeating: "x", count: noteBytes)))]))],
                actor: Sample.actor)
        }
        // Escapes count as the bytes they become: 200,000 quotes are 400,000 bytes in a frame.
        let escaped = AppendRequest(
            stream: "dossier-quotes", events: [ProposedEvent(type: "DossierNoted", data: .string(String(repeating: "\"", count: cap / 2)))],
            actor: Sample.actor)
        for oversized in [request(noteBytes: cap, stream: "dossier-big"), request(noteBytes: cap - 100, stream: "dossier-edge"), escaped] {
            do {
                _ = try await store.append(oversized)
                Issue.record("a frame over \(cap) bytes was accepted (\(oversized.stream))")
            } catch let error as EventStoreError {
                #expect(error.code == .invalidRequest)
            }
        }
        #expect(try await store.head().position == 0)
        let fits = try await store.append(request(noteBytes: cap - 4096, stream: "dossier-fits"))
        #expect(fits.positions == [1, 2])
        let written = try await store.read(from: 2, limit: 1)
        #expect(written.first.map { $0.canonicalBytes.count <= cap } == true)
        await store.close()
    }
}
