import EventStore
import Events
import Testing

/// Whole-log reads (`audit.verify`'s first run, export, verification) stop when the task
/// that asked is cancelled, e.g. because its HTTP handler ran out of time.
@Suite struct ReadAllCancellationTests {
    @Test func aCancelledReadOfTheWholeLogStopsBeforeItsNextPage() async throws {
        // Given a log of 50 events, read in pages of 10.
        let directory = try TemporaryDirectory.make()
        let store = try FileEventStore.open(directory: directory, create: true)
        _ = try await store.append(Sample.request("dossier-a", 50))

        // When the task reading it is cancelled while it handles its first page.
        let task = Task { () -> (pages: Int, failure: (any Error)?) in
            var pages = 0
            do {
                try await store.readAll(pageSize: 10) { _ in
                    pages += 1
                    withUnsafeCurrentTask { $0?.cancel() }
                }
                return (pages, nil)
            } catch {
                return (pages, error)
            }
        }
        let outcome = await task.value

        // Then it stops with CancellationError instead of reading the other four pages.
        #expect(outcome.pages == 1)
        #expect(outcome.failure is CancellationError)
        await store.close()
    }
}
