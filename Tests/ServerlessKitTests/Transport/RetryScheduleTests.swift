import Testing
@testable import ServerlessIO

@Suite struct RetryScheduleTests {
    let policy = RetryPolicy(maxAttempts: 6, baseDelay: .milliseconds(200), maxDelay: .seconds(1), budget: .seconds(5))

    @Test func ceilingDoublesUpToMaxDelay() {
        let schedule = RetrySchedule(policy: policy)
        let ceilings = (1...5).map { schedule.backoffCeiling(afterAttempt: $0) }
        #expect(ceilings == [.milliseconds(200), .milliseconds(400), .milliseconds(800), .seconds(1), .seconds(1)])
    }

    @Test func fullJitterDrawsBetweenZeroAndTheCeiling() {
        let top = RetrySchedule(policy: policy, random: { $0 })
        let bottom = RetrySchedule(policy: policy, random: { _ in 0 })
        #expect(top.nextDelay(attemptsMade: 2, elapsed: .zero, retryAfter: nil) == .milliseconds(400))
        #expect(bottom.nextDelay(attemptsMade: 2, elapsed: .zero, retryAfter: nil) == .zero)
        let real = RetrySchedule(policy: policy)
        for _ in 0..<100 {
            let delay = real.nextDelay(attemptsMade: 3, elapsed: .zero, retryAfter: nil)!
            #expect(delay >= .zero && delay <= .milliseconds(800))
        }
    }

    @Test func retryAfterWinsButIsCapped() {
        let schedule = RetrySchedule(policy: policy, random: { _ in 0 })
        #expect(schedule.nextDelay(attemptsMade: 1, elapsed: .zero, retryAfter: .milliseconds(700)) == .milliseconds(700))
        #expect(schedule.nextDelay(attemptsMade: 1, elapsed: .zero, retryAfter: .seconds(120)) == .seconds(1))
    }

    @Test func stopsAtMaxAttempts() {
        let schedule = RetrySchedule(policy: policy, random: { $0 })
        #expect(schedule.nextDelay(attemptsMade: 5, elapsed: .zero, retryAfter: nil) != nil)
        #expect(schedule.nextDelay(attemptsMade: 6, elapsed: .zero, retryAfter: nil) == nil)
        #expect(RetrySchedule(policy: .none).nextDelay(attemptsMade: 1, elapsed: .zero, retryAfter: nil) == nil)
    }

    @Test func noAttemptStartsPastTheBudget() {
        let schedule = RetrySchedule(policy: policy, random: { $0 })
        #expect(schedule.nextDelay(attemptsMade: 1, elapsed: .milliseconds(4800), retryAfter: nil) == .milliseconds(200))
        #expect(schedule.nextDelay(attemptsMade: 1, elapsed: .milliseconds(4900), retryAfter: nil) == nil)
        #expect(schedule.nextDelay(attemptsMade: 1, elapsed: .milliseconds(4500), retryAfter: .seconds(2)) == nil)
    }

    @Test func delaysAreShownShort() {
        #expect(Duration.milliseconds(400).shortText == "0.4 s")
        #expect(Duration.seconds(30).shortText == "30 s")
        #expect(Duration.milliseconds(1250).shortText == "1.3 s")
        #expect(Duration.milliseconds(12).shortText == "12 ms")
    }
}
