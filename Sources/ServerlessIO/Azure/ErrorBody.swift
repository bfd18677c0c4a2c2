import Foundation

/// `<Error><Code>..</Code><Message>..</Message>[<AuthenticationErrorDetail>..]</Error>`, the body
/// of a failed Storage request (absent for HEAD). Also reads Event Hubs' `<Error><Code>401</Code><Detail>`.
package struct ErrorBody: Equatable {
    package var code: String?
    package var message: String?
    package var detail: String?

    /// nil when the body is empty or not such a document (a proxy's HTML page, say).
    package static func parse(_ body: [UInt8]) -> ErrorBody? {
        guard !body.isEmpty else { return nil }
        final class Handler: XMLContentHandler {
            var result = ErrorBody()
            func end(_ tag: XMLTag, text: String) throws {
                guard tag.path.count == 2, tag.path[0] == "Error" else { return }
                let value = text.trimmingSpaces.trimmingNewlines
                switch tag.name {
                case "Code": result.code = value
                case "Message": result.message = value
                case "AuthenticationErrorDetail", "Detail": result.detail = value
                default: break
                }
            }
        }
        let handler = Handler()
        let limits = XMLLimits(maxDocumentBytes: 1 << 20, maxDepth: 8, maxTextBytes: 1 << 20)
        guard (try? XMLReader.parse(body, limits: limits, source: "the error response", handler: handler)) != nil,
              handler.result != ErrorBody() else { return nil }
        return handler.result
    }
}

/// Server text made safe to show: first line only, and any quoted value that looks like a signature
/// (Storage echoes the MAC it received) replaced. Azure's own message is kept whole (its time-window and
/// string-to-sign details run to a few hundred characters); only a server that sends pages of text is cut.
package func displayableServerText(_ text: String?) -> String? {
    guard let text else { return nil }
    let firstLine = text.split(whereSeparator: \.isNewline).first.map { String($0).trimmingSpaces } ?? ""
    guard !firstLine.isEmpty else { return nil }
    var output = ""
    var rest = Substring(firstLine)
    while let open = rest.firstIndex(of: "'"),
          let close = rest[rest.index(after: open)...].firstIndex(of: "'") {
        let quoted = rest[rest.index(after: open)..<close]
        output += rest[...open]
        output += looksLikeSignature(quoted) ? "<redacted>" : String(quoted)
        output += "'"
        rest = rest[rest.index(after: close)...]
    }
    output += rest
    output = redactSignatureParameters(output)
    return output.count > maxServerText ? String(output.prefix(maxServerText)) + "…" : output
}

package let maxServerText = 2000

private func looksLikeSignature(_ text: Substring) -> Bool {
    text.count >= 20 && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+/=%".contains($0)) }
}

/// `...sig=abc%2B...&se=...` -> `...sig=<redacted>&se=...`, for servers that echo a token back.
private func redactSignatureParameters(_ text: String) -> String {
    var output = ""
    var rest = Substring(text)
    while let range = rest.range(of: "sig=", options: .caseInsensitive) {
        output += rest[..<range.upperBound] + "<redacted>"
        rest = rest[range.upperBound...]
        rest = rest.drop { $0 != "&" && $0 != " " && $0 != "'" && $0 != "\"" && $0 != "," }
    }
    return output + rest
}
