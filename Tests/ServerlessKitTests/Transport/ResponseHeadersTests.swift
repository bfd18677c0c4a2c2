import Testing
@testable import ServerlessIO

@Suite struct ResponseHeadersTests {
    private func collect(_ lines: [String]) -> [(name: String, value: String)] {
        var headers = ResponseHeaders()
        for line in lines { headers.consume(line: line + "\r\n") }
        return headers.fields
    }

    @Test func namesAsReceivedValuesTrimmed() {
        let fields = collect(["HTTP/1.1 200 OK", "x-ms-meta-CamelCase:  v1 ", "ETag: \"0x8D\"", ""])
        #expect(fields.map(\.name) == ["x-ms-meta-CamelCase", "ETag"])
        #expect(fields.map(\.value) == ["v1", "\"0x8D\""])
    }

    @Test func onlyTheFinalResponseCounts() {
        let fields = collect(["HTTP/1.1 100 Continue", "X-Interim: 1", "", "HTTP/1.1 200 OK", "X-Final: 2", ""])
        #expect(fields.map(\.name) == ["X-Final"])
        let redirected = collect(["HTTP/2 302", "location: /b", "", "HTTP/2 200", "content-length: 0", ""])
        #expect(redirected.map(\.name) == ["content-length"])
    }

    @Test func foldedLinesContinueTheValue() {
        let fields = collect(["HTTP/1.1 200 OK", "X-Long: a", "\tb", ""])
        #expect(fields.first?.value == "a b")
    }

    @Test func valueMayContainColons() {
        let fields = collect(["HTTP/1.1 200 OK", "Date: Sun, 06 Nov 1994 08:49:37 GMT"])
        #expect(fields.first?.value == "Sun, 06 Nov 1994 08:49:37 GMT")
    }
}
