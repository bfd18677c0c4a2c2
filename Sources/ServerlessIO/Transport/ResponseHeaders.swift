/// Collects response header lines as libcurl hands them over. Interim responses (100 Continue,
/// 103 Early Hints, proxy CONNECT replies, redirects) each start with a status line, which
/// starts the list over: only the final response's headers remain.
package struct ResponseHeaders {
    package private(set) var fields: [(name: String, value: String)] = []

    package mutating func consume(line raw: String) {
        var line = Substring(raw)
        while let last = line.last, last.isNewline { line.removeLast() }  // "\r\n" is one Character
        if line.hasPrefix("HTTP/") {
            fields = []
        } else if line.isEmpty {
            return
        } else if line.first == " " || line.first == "\t" {
            // Obsolete line folding: the line continues the previous value.
            guard !fields.isEmpty else { return }
            fields[fields.count - 1].value += " " + line.trimmingSpaces
        } else if let colon = line.firstIndex(of: ":") {
            fields.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingSpaces))
        }
    }
}
