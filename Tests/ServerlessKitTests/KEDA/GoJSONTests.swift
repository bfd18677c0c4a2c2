import Testing
@testable import ServerlessKEDA
@testable import ServerlessSupport

@Suite("Go encoding/json parity")
struct GoJSONTests {
    private func azureFunction(_ body: String, version: KEDAVersion = .newest) -> Result<CheckpointValue, CheckpointFailure> {
        CheckpointValue.read(reader: .azureFunction, body: Array(body.utf8), metadata: [:], partitionID: "0", version: version)
    }

    private func decodeError(_ body: String) -> String? {
        if case .failure(.decode(let failure)) = azureFunction(body) { return failure.message }
        return nil
    }

    @Test(arguments: [
        (#"{"SequenceNumber":1}"#, Int64(1)),
        (#"{"sequencenumber":7}"#, 7),
        (#"{"SEQUENCENUMBER":7}"#, 7),
        (#"{"Sequence\u004eumber":8}"#, 8),
        (#"{"SequenceNumber":1,"sequencenumber":2}"#, 2),
        (#"{"SequenceNumber":5,"SequenceNumber":null}"#, 5),
        (#"{"sequence_number":9}"#, 0),
        (#"{"Owner":{"x":[1,2,{"y":null}]},"SequenceNumber":3}"#, 3),
        ("null", 0),
        ("{}", 0),
        (#"{"SequenceNumber":-0}"#, 0),
        (" \n{\"SequenceNumber\" : 4 }\t", 4),
        (#"{"ſequenceNumber":6}"#, 6),
        (#"{"SequenceNumber":9223372036854775807}"#, Int64.max),
        (#"{"SequenceNumber":-9223372036854775808}"#, Int64.min),
    ])
    func decodes(body: String, expected: Int64) throws {
        let value = try azureFunction(body).get()
        #expect(value.sequenceNumber == expected)
    }

    @Test(arguments: [
        ("", "unexpected end of JSON input"),
        ("   ", "unexpected end of JSON input"),
        (#"{"SequenceNumber":"5"}"#, "json: cannot unmarshal string into Go struct field Checkpoint.SequenceNumber of type int64"),
        (#"{"SequenceNumber":1.0}"#, "json: cannot unmarshal number 1.0 into Go struct field Checkpoint.SequenceNumber of type int64"),
        (#"{"SequenceNumber":1e3}"#, "json: cannot unmarshal number 1e3 into Go struct field Checkpoint.SequenceNumber of type int64"),
        (#"{"SequenceNumber":9223372036854775808}"#,
         "json: cannot unmarshal number 9223372036854775808 into Go struct field Checkpoint.SequenceNumber of type int64"),
        (#"{"SequenceNumber":true}"#, "json: cannot unmarshal bool into Go struct field Checkpoint.SequenceNumber of type int64"),
        (#"{"PartitionId":0}"#, "json: cannot unmarshal number into Go struct field Checkpoint.PartitionId of type string"),
        ("[]", "json: cannot unmarshal array into Go value of type azure.Checkpoint"),
        ("5", "json: cannot unmarshal number into Go value of type azure.Checkpoint"),
        (#"{"SequenceNumber":1} x"#, "invalid character 'x' after top-level value"),
        ("{}}", "invalid character '}' after top-level value"),
        (#"{"SequenceNumber":01}"#, "invalid character '1' after object key:value pair"),
        (#"{"SequenceNumber":+1}"#, "invalid character '+' looking for beginning of value"),
        (#"{"SequenceNumber" 1}"#, "invalid character '1' after object key"),
        ("{'a':1}", "invalid character '\\'' looking for beginning of object key string"),
        (#"{"SequenceNumber":1"#, "unexpected end of JSON input"),
        (#"{"SequenceNumber":-"#, "invalid character ' ' in numeric literal"),
        (#"{"SequenceNumber":1."#, "invalid character ' ' after decimal point in numeric literal"),
        (#"{"SequenceNumber":1.x}"#, "invalid character 'x' after decimal point in numeric literal"),
        (#"{"SequenceNumber":1ex}"#, "invalid character 'x' in exponent of numeric literal"),
        (#"{"SequenceNumber":tru"#, "invalid character ' ' in literal true (expecting 'e')"),
        (#"{"SequenceNumber":nul}"#, "invalid character '}' in literal null (expecting 'l')"),
        ("{\"a\n\":1}", "invalid character '\\n' in string literal"),
        (#"{"a\x":1}"#, "invalid character 'x' in string escape code"),
        (#"{"a\u12g4":1}"#, #"invalid character 'g' in \u hexadecimal character escape"#),
        ("[1,]", "invalid character ']' looking for beginning of value"),
        ("[1 2]", "invalid character '2' after array element"),
        ("\u{FEFF}{}", "invalid character 'ï' looking for beginning of value"),
    ])
    func errors(body: String, expected: String) {
        #expect(decodeError(body) == expected)
    }

    @Test func syntaxErrorWinsOverTypeError() {
        #expect(decodeError(#"{"SequenceNumber":"5"} ]"#) == "invalid character ']' after top-level value")
    }

    @Test func firstTypeErrorIsReported() {
        #expect(decodeError(#"{"PartitionId":1,"SequenceNumber":"x"}"#)
            == "json: cannot unmarshal number into Go struct field Checkpoint.PartitionId of type string")
    }

    @Test func maxDepth() throws {
        let deep = String(repeating: "[", count: 10001) + String(repeating: "]", count: 10001)
        #expect(GoJSON.syntaxError(Array(deep.utf8)) == "invalid character '[' exceeded max depth")
        let ok = "{\"x\":" + String(repeating: "[", count: 9999) + String(repeating: "]", count: 9999) + ",\"SequenceNumber\":2}"
        #expect(try azureFunction(ok).get().sequenceNumber == 2)
    }

    @Test func goSdkNestedErrors() throws {
        func read(_ body: String) -> Result<CheckpointValue, CheckpointFailure> {
            CheckpointValue.read(reader: .goSdk, body: Array(body.utf8), metadata: [:], partitionID: "0", version: .newest)
        }
        #expect(read(#"{"checkpoint":{"sequenceNumber":"1"}}"#)
            == .failure(.decode(.type("json: cannot unmarshal string into Go struct field .checkpoint.sequenceNumber of type int64"))))
        #expect(read(#"{"checkpoint":5}"#) == .failure(.decode(.type(
            #"json: cannot unmarshal number into Go struct field goCheckpoint.checkpoint of type struct { SequenceNumber int64 "json:\"sequenceNumber\"" }"#))))
        #expect(try read(#"{"checkpoint":{"sequenceNumber":4},"checkpoint":{"offset":"x"}}"#).get().sequenceNumber == 4)
        #expect(try read(#"{"Checkpoint":{"SequenceNumber":11},"PartitionID":"3"}"#).get() == CheckpointValue(sequenceNumber: 11, partitionID: "3"))
    }

    @Test func int64Values() {
        #expect(GoJSON.decodeInt64(Array("15".utf8)) == .success(15))
        #expect(GoJSON.decodeInt64(Array("null".utf8)) == .success(nil))
        #expect(GoJSON.decodeInt64(Array("1.5".utf8)) == .failure(.type("json: cannot unmarshal number 1.5 into Go value of type int64")))
        #expect(GoJSON.decodeInt64(Array("\"15\"".utf8)) == .failure(.type("json: cannot unmarshal string into Go value of type int64")))
        #expect(GoJSON.decodeInt64(Array("015".utf8)) == .failure(.syntax("invalid character '1' after top-level value")))
    }
}

@Suite("Go strconv.ParseInt and url.Parse parity")
struct GoParsingTests {
    @Test(arguments: [("15", Int64(15)), ("+15", 15), ("-15", -15), ("015", 15), ("-9223372036854775808", Int64.min)])
    func parseIntAccepts(text: String, expected: Int64) {
        #expect(GoParseInt.parse(text) == .success(expected))
    }

    @Test(arguments: [
        ("", #"strconv.ParseInt: parsing "": invalid syntax"#),
        ("+", #"strconv.ParseInt: parsing "+": invalid syntax"#),
        (" 1", #"strconv.ParseInt: parsing " 1": invalid syntax"#),
        ("1_000", #"strconv.ParseInt: parsing "1_000": invalid syntax"#),
        ("AA", #"strconv.ParseInt: parsing "AA": invalid syntax"#),
        ("9223372036854775808", #"strconv.ParseInt: parsing "9223372036854775808": value out of range"#),
        ("99999999999999999999x", #"strconv.ParseInt: parsing "99999999999999999999x": value out of range"#),
    ])
    func parseIntRejects(text: String, expected: String) {
        guard case .failure(let failure) = GoParseInt.parse(text) else { Issue.record("accepted \(text)"); return }
        #expect(failure.message == expected)
    }

    @Test(arguments: [
        ("ns.servicebus.windows.net/hub-test/$Default/0", nil),
        ("dapr-hub-test-$default-0", nil),
        ("ns.servicebus.windows.net:5671/hub/$Default/0", nil),
        ("ns/hub-test\n/$default/checkpoint/0", "net/url: invalid control character in URL"),
        ("ns/hub/%zz/0", #"invalid URL escape "%zz""#),
        ("ns/hub/cg%/0", #"invalid URL escape "%/0""#),
        ("ns/hub#%zz/0", #"invalid URL escape "%zz""#),
        ("ns/hub?%zz", nil),
        ("my_ns:1/hub/cg/0", "first path segment in URL cannot contain colon"),
        (":ns/hub", "missing protocol scheme"),
    ] as [(String, String?)])
    func urlParse(path: String, expected: String?) {
        #expect(GoURLParse.validate(path)?.reason == expected)
    }

    @Test func urlErrorText() {
        #expect(GoURLParse.validate("a/hub-test\n")?.message == #"parse "a/hub-test\n": net/url: invalid control character in URL"#)
    }
}
