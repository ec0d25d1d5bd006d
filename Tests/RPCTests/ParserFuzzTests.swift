import Events
import RPC
import Testing

/// Deterministic fuzzing of the HTTP request parser and the JSON-RPC framing: seeded
/// mutations of valid inputs; every input must end in a request, a wait for more bytes or
/// an HTTP error — never a crash or a hang.
@Suite struct ParserFuzzTests {
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(max(bound, 1)))
        }
    }

    static let seeds: [[UInt8]] = [
        Array("POST /rpc HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 61\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"dossier.get\",\"params\":{}}".utf8),
        Array("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".utf8),
        Array("[{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"agenda.get\",\"params\":{\"tableId\":\"t1\"}},{\"jsonrpc\":\"2.0\",\"method\":\"n\"}]".utf8),
    ]

    static func mutate(_ input: [UInt8], _ random: inout Generator) -> [UInt8] {
        var bytes = input
        for _ in 0..<(1 + random.next(4)) {
            guard !bytes.isEmpty else { break }
            let at = random.next(bytes.count)
            switch random.next(6) {
            case 0: bytes[at] = UInt8(truncatingIfNeeded: random.next(256))
            case 1: bytes.remove(at: at)
            case 2: bytes.insert(UInt8(truncatingIfNeeded: random.next(256)), at: at)
            case 3: bytes.insert(contentsOf: Array(bytes[at..<min(bytes.count, at + random.next(40))]), at: at)
            case 4: bytes = Array(bytes[..<at])
            default: bytes.insert(contentsOf: [0x0D, 0x0A], at: at)
            }
        }
        return bytes
    }

    @Test func a100000MutatedInputsEachGetAnAnswer() {
        var random = Generator(state: 20_261_122)
        let parser = HTTPRequestParser()
        var outcomes = (requests: 0, waits: 0, failures: 0, rpc: 0, wrong: 0)
        for round in 0..<100_000 {
            let input = Self.mutate(Self.seeds[round % Self.seeds.count], &random)
            switch parser.parse(input) {
            case let .request(request, consumed):
                if consumed > input.count { outcomes.wrong += 1 }
                outcomes.requests += 1
                _ = RPCFraming.parse(request.body)
            case .needMore: outcomes.waits += 1
            case let .failure(status, _):
                if !(400...505).contains(status) { outcomes.wrong += 1 }
                outcomes.failures += 1
            }
            switch RPCFraming.parse(input) {
            case .single, .batch, .rejected: outcomes.rpc += 1
            }
        }
        #expect(outcomes.requests > 1000 && outcomes.failures > 1000 && outcomes.waits > 1000)
        #expect(outcomes.rpc == 100_000)
        #expect(outcomes.wrong == 0, "answers outside the HTTP error range or past the input")
    }
}
