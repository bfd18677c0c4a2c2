import Testing

@Suite struct ConcurrentMapTests {
    actor Gauge {
        var now = 0, most = 0
        func enter() { now += 1; most = max(most, now) }
        func leave() { now -= 1 }
    }

    @Test func keepsTheOrderOfTheInputAndRunsAtOnce() async {
        let gauge = Gauge()
        // Later elements finish first, so arrival order is the reverse of input order.
        let results = await Array(0..<40).concurrentMap { value -> String in
            await gauge.enter()
            try? await Task.sleep(for: .milliseconds(40 - value))
            await gauge.leave()
            return "r\(value)"
        }
        #expect(results == (0..<40).map { "r\($0)" })
        #expect(await gauge.most > 1)
    }
}
