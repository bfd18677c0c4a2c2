/// Unrendered Helm templates (`{{ .Values.x }}`): libyaml either fails on them with words that do not say
/// why ("could not find expected ':'") or reads `{{ ... }}` as a nested flow mapping. Either way the file
/// is not manifests yet, and the doctor says what to do.
package enum HelmTemplateHint {
    package static let advice = "render it first, e.g. helm template RELEASE CHART -f values.yaml | kubectl serverless doctor -f -"

    /// A hint for a syntax error when the text holds template actions, else nil.
    package static func hint(for text: String) -> String? {
        guard let open = text.range(of: "{{"), text[open.upperBound...].contains("}}") else { return nil }
        return "the file holds Helm template actions ({{ ... }}): " + advice
    }

    /// The first line with a template action outside quotes and comments (a quoted `"{{ ... }}"` is a
    /// string, as in the `tpl` values some charts take), or nil.
    package static func unquotedActionLine(in text: String) -> Int? {
        // Bytes first: Foundation's substring search was a tenth of reading thousands of manifests.
        guard holdsDoubleBrace(text.utf8) else { return nil }
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var quote: Character?
            var previous: Character = " "
            for character in line {
                if let open = quote {
                    if character == open { quote = nil }
                } else if character == "\"" || character == "'" {
                    quote = character
                } else if character == "#" && (previous == " " || previous == "\t") {
                    break
                } else if character == "{" && previous == "{" {
                    return number + 1
                }
                previous = character
            }
        }
        return nil
    }

    private static func holdsDoubleBrace(_ bytes: String.UTF8View) -> Bool {
        var previous: UInt8 = 0
        for byte in bytes {
            if byte == UInt8(ascii: "{") && previous == byte { return true }
            previous = byte
        }
        return false
    }
}
