import Events
import Testing

/// Event ids are version 4 UUIDs in lower case, and never repeat, also when many tasks
/// draw them at once from the shared pool of random bytes (which refills every 256 ids).
@Suite struct EventIdTests {
    static func isVersion4(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        let hex = Set("0123456789abcdef".utf8)
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                if byte != UInt8(ascii: "-") { return false }
            } else if !hex.contains(byte) {
                return false
            }
        }
        return bytes[14] == UInt8(ascii: "4") && "89ab".utf8.contains(bytes[19])
    }

    @Test func idsDrawnConcurrentlyAreWellFormedAndDistinct() async {
        let ids = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<8 {
                group.addTask { (0..<2_000).map { _ in EventId.random() } }
            }
            var all: [String] = []
            for await part in group { all += part }
            return all
        }
        #expect(ids.count == 16_000)
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy(Self.isVersion4))
    }
}
