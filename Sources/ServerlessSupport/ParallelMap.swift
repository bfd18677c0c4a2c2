import Dispatch

extension Array {
    /// `transform` applied to every element on all cores, for CPU-bound work in synchronous code (parsing a
    /// thousand manifest files); results in the order of the elements.
    package func parallelMap<Result>(_ transform: (Element) -> Result) -> [Result] {
        guard count > 1 else { return map(transform) }
        var results = [Result?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { slots in
            // Each iteration writes only its own slot, so no two threads touch the same memory.
            DispatchQueue.concurrentPerform(iterations: count) { index in
                slots[index] = transform(self[index])
            }
        }
        return results.map { $0! }
    }
}
