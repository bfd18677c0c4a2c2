/// Collects response header lines as libcurl hands them over. Interim responses (100 Continue,
/// 103 Early Hints, proxy CONNECT replies, redirects) each start with a status line, which
/// starts the list over: only the final response's headers remain.
package struct ResponseHeaders {
    package private(set) var fields: [(name: String, value: String)] = []

    package mutating func consume(line raw: String) {
        // Read as bytes: a header line is ASCII in practice, and Characters would cost more than the request.
        var line = Array(raw.utf8)[...]
        while let last = line.last, last == 0x0A || last == 0x0D { line.removeLast() }
        if line.starts(with: "HTTP/".utf8) {
            fields = []
        } else if line.isEmpty {
            return
        } else if let first = line.first, Self.isSpace(first) {
            // Obsolete line folding: the line continues the previous value.
            guard !fields.isEmpty else { return }
            fields[fields.count - 1].value += " " + Self.trimmed(line)
        } else if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
            fields.append((String(decoding: line[..<colon], as: UTF8.self), Self.trimmed(line[(colon + 1)...])))
        }
    }

    /// HTTP's optional whitespace: a space or a tab.
    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// Spaces and tabs off both ends.
    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> String {
        guard let start = bytes.firstIndex(where: { !isSpace($0) }), let end = bytes.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(decoding: bytes[start...end], as: UTF8.self)
    }
}
