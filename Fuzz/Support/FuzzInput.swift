import Foundation

/// The bytes libFuzzer hands a target, with the few views the parsers take. Compiled into every
/// target next to its own file, so a target is one function call.
struct FuzzInput {
    let bytes: [UInt8]

    init(_ data: UnsafePointer<UInt8>, _ size: Int) {
        bytes = Array(UnsafeBufferPointer(start: data, count: size))
        if selfTestCrash, bytes.starts(with: Array("self-test-crash".utf8)) { fatalError("fuzz self-test crash") }
    }

    /// The bytes as text; invalid UTF-8 becomes U+FFFD, as it does when we read a file or a body.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The first byte picks among `choices` (an option the parser takes, such as a KEDA version);
    /// the rest is the input. Empty input picks the first choice.
    func choosing<T>(_ choices: [T]) -> (choice: T, rest: FuzzInput) {
        guard let first = bytes.first else { return (choices[0], self) }
        return (choices[Int(first) % choices.count], FuzzInput(bytes: Array(bytes.dropFirst())))
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }
}

/// A property every input must keep; breaking it is a finding, like a crash.
func fuzzExpect(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError("fuzz property broken: \(message())") }
}

/// Set by Tests/Support/test_fuzz_short.py to check that scripts/fuzz catches, reports and saves a crash.
private let selfTestCrash = ProcessInfo.processInfo.environment["FUZZ_SELF_TEST_CRASH"] == "1"
