/// Percentiles of a set of latencies, in milliseconds.
struct LatencySummary {
    var p50: Double
    var p99: Double

    init(nanoseconds: [UInt64]) {
        let sorted = nanoseconds.sorted()
        func percentile(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            let index = min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)
            return Double(sorted[max(0, index)]) / 1_000_000
        }
        p50 = percentile(0.50)
        p99 = percentile(0.99)
    }
}

func formatted(_ value: Double, digits: Int = 2) -> String {
    var factor = 1.0
    for _ in 0..<digits { factor *= 10 }
    let rounded = (value * factor).rounded() / factor
    return String(rounded)
}
