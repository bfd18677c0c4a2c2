extension Array where Element: Sendable {
    /// `transform` applied to every element at once; results in the order of the elements.
    ///
    /// Results are appended as they arrive and put in order afterwards. Writing them into a
    /// preallocated array by index (`results[index] = result` inside `for await`) is miscompiled
    /// by Swift 6.3.1 at -O: it traps in release builds only, so every task group here goes through this.
    public func concurrentMap<Result: Sendable>(_ transform: @escaping @Sendable (Element) async -> Result) async -> [Result] {
        await withTaskGroup(of: (Int, Result).self) { group in
            for (index, element) in enumerated() {
                group.addTask { (index, await transform(element)) }
            }
            var arrived: [(index: Int, result: Result)] = []
            arrived.reserveCapacity(count)
            for await item in group { arrived.append((item.0, item.1)) }
            return arrived.sorted { $0.index < $1.index }.map(\.result)
        }
    }
}
