import APIRegistry

/// `--rate-limit`: how many requests one store may receive in one window.
public struct RateLimiting: Sendable, Equatable {
    public let quota: Int
    public let windowMilliseconds: Int

    public init(quota: Int, windowMilliseconds: Int) {
        self.quota = quota
        self.windowMilliseconds = windowMilliseconds
    }

    /// `5/s`, `300/min`, `150/30s`; nil for anything else.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, let quota = Int(parts[0]), (1...1_000_000).contains(quota) else { return nil }
        let unit = parts[1]
        let window: Int?
        switch unit {
        case "s", "sec", "second": window = 1000
        case "m", "min", "minute": window = 60_000
        default:
            if unit.hasSuffix("ms"), let count = Int(unit.dropLast(2)) {
                window = count
            } else if unit.hasSuffix("s"), let count = Int(unit.dropLast()) {
                window = count * 1000
            } else {
                window = nil
            }
        }
        guard let window, (1...3_600_000).contains(window) else { return nil }
        self.init(quota: quota, windowMilliseconds: window)
    }
}

/// Counts each store's requests in fixed windows, so client developers can test how they
/// back off: the answer over the quota is the API's documented 429.
actor RateLimiter {
    struct Decision {
        let allowed: Bool
        let remaining: Int
        let resetMilliseconds: Int
    }

    let limit: RateLimiting
    private var windows: [String: (start: ContinuousClock.Instant, used: Int)] = [:]
    private let clock = ContinuousClock()

    init(_ limit: RateLimiting) {
        self.limit = limit
    }

    /// Takes one request of `store`'s quota, if any is left.
    func take(_ store: String) -> Decision {
        let now = clock.now
        let length = Duration.milliseconds(limit.windowMilliseconds)
        var window = windows[store] ?? (now, 0)
        if window.start.duration(to: now) >= length { window = (now, 0) }
        let allowed = window.used < limit.quota
        if allowed { window.used += 1 }
        windows[store] = window
        let left = length - window.start.duration(to: now)
        let milliseconds = Int(left.components.seconds) * 1000 + Int(left.components.attoseconds / 1_000_000_000_000_000)
        return Decision(allowed: allowed, remaining: limit.quota - window.used, resetMilliseconds: max(1, milliseconds))
    }

    /// The headers that tell a client where it stands: the registry's, or `Retry-After` on a 429
    /// when the registry documents none.
    nonisolated func headers(_ decision: Decision, rateLimit: RateLimit?) -> [(name: String, value: String)] {
        guard let rateLimit else {
            return decision.allowed ? [] : [("Retry-After", String((decision.resetMilliseconds + 999) / 1000))]
        }
        return rateLimit.values(
            quota: limit.quota, remaining: decision.remaining, window: limit.windowMilliseconds, reset: decision.resetMilliseconds)
    }
}
