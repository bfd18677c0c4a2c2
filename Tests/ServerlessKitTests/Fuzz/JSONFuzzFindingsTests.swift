import Testing
@testable import ServerlessKEDA
@testable import ServerlessSupport

/// Inputs the JSONParse fuzz target found (Fuzz/README.md): JSON.parse and Go's scanner disagreed on what is JSON.
@Suite struct JSONFuzzFindingsTests {
    /// `UInt32(_:radix:)` takes a sign, so `\u+041` read as "A" and `\u-000` as NUL.
    @Test(arguments: [#"["\u+041"]"#, #"["\u-000"]"#, #"["\u+0+1"]"#])
    func rejectsSignedUnicodeEscapes(_ text: String) {
        #expect(throws: JSON.SyntaxError.self) { try JSON.parse(text) }
        #expect(GoJSON.syntaxError(Array(text.utf8)) != nil)
    }

    /// A high surrogate not followed by a low one is valid JSON text (RFC 8259 §8.2): it reads as U+FFFD
    /// and the next escape stands alone, as Go (and so KEDA) reads it. It used to be "invalid surrogate pair".
    @Test(arguments: [
        (#""\ud83d\uda00""#, "\u{FFFD}\u{FFFD}"),
        (#""\ud800\u0041""#, "\u{FFFD}A"),
        (#""\ud800\ud83d\ude00""#, "\u{FFFD}\u{1F600}"),
        (#""\ud83d\ude00""#, "\u{1F600}"),
        (#""\udc00\ud800""#, "\u{FFFD}\u{FFFD}"),
    ])
    func readsLoneHighSurrogatesLikeGo(_ text: String, _ expected: String) throws {
        #expect(try JSON.parse(text) == .string(expected))
        // The same string as a checkpoint's partition id, through KEDA's decoder.
        let body = Array(#"{"PartitionId":\#(text),"SequenceNumber":1}"#.utf8)
        let read = CheckpointValue.read(reader: .azureFunction, body: body, metadata: [:], partitionID: "0", version: .newest)
        #expect(try read.get().partitionID == expected)
    }
}
