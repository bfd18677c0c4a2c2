/// When to try again: exponential backoff with full jitter, `Retry-After` honoured up to `maxDelay`,
/// no new attempt past `maxAttempts` or after `budget` has run out. Pure; the randomness is injected.
package struct RetrySchedule: Sendable {
    package let policy: RetryPolicy
    /// Uniform in 0...upper (seconds); tests pass a fixed one.
    package var random: @Sendable (Double) -> Double = { upper in upper > 0 ? Double.random(in: 0...upper) : 0 }

    /// The upper bound of the jittered wait after `attemptsMade` attempts: base * 2^(n-1), at most maxDelay.
    package func backoffCeiling(afterAttempt attemptsMade: Int) -> Duration {
        let base = policy.baseDelay.seconds
        let exponent = Double(max(0, min(attemptsMade - 1, 62)))
        return Duration.seconds(min(policy.maxDelay.seconds, base * pow2(exponent)))
    }

    /// The wait before the next attempt, or nil when retries have run out.
    package func nextDelay(attemptsMade: Int, elapsed: Duration, retryAfter: Duration?) -> Duration? {
        guard attemptsMade < policy.maxAttempts else { return nil }
        let delay: Duration
        if let retryAfter {
            delay = min(retryAfter, policy.maxDelay)
        } else {
            delay = .seconds(random(backoffCeiling(afterAttempt: attemptsMade).seconds))
        }
        // The budget says when the last attempt may start.
        guard elapsed + delay <= policy.budget else { return nil }
        return delay
    }

    private func pow2(_ exponent: Double) -> Double {
        var result = 1.0
        for _ in 0..<Int(exponent) { result *= 2 }
        return result
    }
}

extension Duration {
    /// The duration as fractional seconds.
    package var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    /// "0.4 s", "30 s", "15 ms": what the log and error messages show.
    package var shortText: String {
        let s = seconds
        if s < 0.1 { return "\(Int64((s * 1000).rounded())) ms" }
        let tenths = Int64((s * 10).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10) s" : "\(tenths / 10).\(tenths % 10) s"
    }
}
