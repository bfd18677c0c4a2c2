import Foundation
import ServerlessCompletion

/// mdoc(7) escaping and the layout mandoc's linter asks for (one sentence per line).
enum Mdoc {
    /// Text lines: backticked spans quoted, one sentence per line, no line starting with a
    /// control character.
    static func text(_ text: String) -> [String] {
        let quoted = quoteBackticks(escape(text))
        var lines: [String] = []
        var line = ""
        let characters = Array(quoted)
        var i = 0
        while i < characters.count {
            let c = characters[i]
            line.append(c)
            // ". X" ends a sentence: mandoc wants the next one on a new line.
            if ".?!".contains(c), i + 2 < characters.count, characters[i + 1] == " ",
               characters[i + 2].isUppercase || characters[i + 2] == "\\" {
                lines.append(line)
                line = ""
                i += 2
                continue
            }
            i += 1
        }
        lines.append(line)
        return lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .flatMap { wrap($0) }.map(guardLine)
    }

    /// Lines of at most `width` bytes, broken between words (a longer word stays whole).
    static func wrap(_ line: String, width: Int = 80) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in line.split(separator: " ") {
            if !current.isEmpty, current.utf8.count + 1 + word.utf8.count > width {
                lines.append(current)
                current = String(word)
            } else {
                current += current.isEmpty ? String(word) : " " + word
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// `.Nd` text: mandoc wants no trailing full stop.
    static func withoutFullStop(_ text: String) -> String {
        var trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        while trimmed.hasSuffix(".") { trimmed.removeLast() }
        return trimmed
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\e")
    }

    static func quoteBackticks(_ text: String) -> String {
        var out = ""
        var open = false
        for c in text {
            if c == "`" { out += open ? "\\(cq" : "\\(oq"; open.toggle() } else { out.append(c) }
        }
        return out
    }

    /// A line starting with `.` or `'` would be read as a macro.
    static func guardLine(_ line: String) -> String {
        line.hasPrefix(".") || line.hasPrefix("'") ? "\\&" + line : line
    }

    /// One macro argument: quoted when it has spaces.
    static func argument(_ text: String) -> String {
        let escaped = quoteBackticks(escape(text)).replacingOccurrences(of: "\"", with: "\\(dq")
        return escaped.contains(" ") || escaped.isEmpty ? "\"\(escaped)\"" : escaped
    }

    /// `.Fl` takes the name without its first dash: `Fl -namespace` prints `--namespace`.
    static func flag(_ name: ArgumentInfo.Name) -> String {
        switch name.kind {
        case .long: "-" + name.name
        case .short, .longWithSingleDash: name.name
        }
    }

    /// A literal display line (`.Dl`): each word kept as typed.
    static func literal(_ command: String) -> String {
        escape(command).replacingOccurrences(of: "\"", with: "\\(dq")
            .split(separator: " ").map { word in
                // Words that are macro names or delimiters would be interpreted: protect them.
                let w = String(word)
                return w.count <= 3 && w.first?.isUppercase == true || [".", ",", ";", ":", "(", ")", "|"].contains(w) ? "\\&" + w : w
            }.joined(separator: " ")
    }

    static func sentence(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let last = trimmed.last else { return trimmed }
        return ".!?".contains(last) ? trimmed : trimmed + "."
    }

    static func colon(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let last = trimmed.last else { return trimmed }
        return ":.!?".contains(last) ? trimmed : trimmed + ":"
    }
}
