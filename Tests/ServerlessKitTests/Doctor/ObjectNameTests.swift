import Testing
@testable import ServerlessDoctor
@testable import ServerlessSupport

@Suite struct ObjectNameTests {
    /// The texts Swift's reflection printed for ObjectName before it had a description (checked with the
    /// same struct without the conformance): rules that key sets by them keep their keys.
    @Test func printsAsReflectionDid() {
        #expect("\(ObjectName(kind: "Secret", namespace: "a\"b\\c\né", name: "n"))"
            == #"ObjectName(kind: "Secret", namespace: Optional("a\"b\\c\né"), name: "n")"#)
        #expect("\(ObjectName(kind: "Secret", namespace: nil, name: "n"))" == #"ObjectName(kind: "Secret", namespace: nil, name: "n")"#)
        #expect(String(reflecting: ObjectName(kind: "K", namespace: "x", name: "y"))
            == #"ObjectName(kind: "K", namespace: Optional("x"), name: "y")"#)
    }
}
