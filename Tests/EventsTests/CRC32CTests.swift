import Events
import Testing

@Suite struct CRC32CTests {
    /// The check value of CRC-32C ("123456789" → 0xE3069283) and RFC 3720's 32 zero bytes.
    @Test func knownCheckValues() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
    }
}
