// libyaml as Yams builds it in (Yams' own C target; the Yams product links it).
import CYaml
import Foundation
import Yams

/// libyaml's events read straight into `Value`, without Yams' node tree in between: building and hashing
/// that tree (for its duplicate-key check) was most of the doctor's time over thousands of manifests.
/// Only the plain case is read here: no tags, anchors used through aliases, non-scalar keys or repeated
/// keys. For anything else, and for every syntax error, this returns nil and `YAML.documents` reads the
/// text through Yams, so those answers and error messages have one source. Where both read a text, they
/// read it the same (the differential test in ParsingTests holds them to that).
package enum YAMLEvents {
    package static func documents(_ text: String) -> [YAML.Document]? {
        var text = text
        return text.withUTF8 { bytes in
            let reader = Reader()
            defer { reader.close() }
            yaml_parser_set_input_string(&reader.parser, bytes.baseAddress, bytes.count)
            return try? reader.stream()
        }
    }

    /// Thrown where Yams must read the text instead.
    private struct NotPlain: Error {}

    private final class Reader {
        // One reader per text on one thread: no dynamic exclusivity checks on every event.
        @exclusivity(unchecked) var parser = yaml_parser_t()
        @exclusivity(unchecked) var event = yaml_event_t()

        init() {
            yaml_parser_initialize(&parser)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        }

        func close() {
            yaml_event_delete(&event)
            yaml_parser_delete(&parser)
        }

        func advance() throws {
            yaml_event_delete(&event)
            guard yaml_parser_parse(&parser, &event) == 1 else { throw NotPlain() }
        }

        /// Yams' `Mark.line`: 1-based.
        var line: Int { Int(event.start_mark.line) + 1 }

        func stream() throws -> [YAML.Document] {
            try advance()
            guard event.type == YAML_STREAM_START_EVENT else { throw NotPlain() }
            var documents: [YAML.Document] = []
            while true {
                try advance()
                if event.type == YAML_STREAM_END_EVENT { return documents }
                guard event.type == YAML_DOCUMENT_START_EVENT else { throw NotPlain() }
                try advance()
                var lines: [String: Int] = [:]
                let start = line
                let value = try node(path: "", lines: &lines)
                try advance()
                guard event.type == YAML_DOCUMENT_END_EVENT else { throw NotPlain() }
                documents.append(YAML.Document(value: value, line: start, fieldLines: lines))
            }
        }

        /// The node whose first event is the current one; its last event is current on return.
        func node(path: String, lines: inout [String: Int]) throws -> Value {
            if !path.isEmpty { lines[path] = line }
            switch event.type {
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                guard scalar.tag == nil else { throw NotPlain() }
                let text = Self.text(scalar.value, count: scalar.length)
                // Untagged: plain scalars are typed by their text, quoted and block scalars are strings.
                guard scalar.style == YAML_PLAIN_SCALAR_STYLE else { return .string(text) }
                return YAML.scalarValue(text, tag: YAML.plainTag(text)) { Node.Scalar(text, .implicit, .plain) }
            case YAML_SEQUENCE_START_EVENT:
                guard event.data.sequence_start.implicit != 0 else { throw NotPlain() }
                var items: [Value] = []
                while true {
                    try advance()
                    if event.type == YAML_SEQUENCE_END_EVENT { return .array(items) }
                    items.append(try node(path: "\(path)[\(items.count)]", lines: &lines))
                }
            case YAML_MAPPING_START_EVENT:
                guard event.data.mapping_start.implicit != 0 else { throw NotPlain() }
                var members: [(key: String, value: Value)] = []
                // Most mappings are small: their keys are compared one by one, a set only past a dozen.
                var keys = Set<String>()
                while true {
                    try advance()
                    if event.type == YAML_MAPPING_END_EVENT { return .object(members) }
                    guard event.type == YAML_SCALAR_EVENT, event.data.scalar.tag == nil else { throw NotPlain() }
                    let key = Self.text(event.data.scalar.value, count: event.data.scalar.length)
                    // Yams refuses a repeated key (with its own message): left to it.
                    if members.count < 12 {
                        guard !members.contains(where: { $0.key == key }) else { throw NotPlain() }
                    } else {
                        if keys.isEmpty { keys = Set(members.map(\.key)) }
                        guard keys.insert(key).inserted else { throw NotPlain() }
                    }
                    try advance()
                    members.append((key, try node(path: path.isEmpty ? key : path + "." + key, lines: &lines)))
                }
            default:
                // An alias: Yams expands it and checks it does not reach into an earlier document.
                throw NotPlain()
            }
        }

        /// Yams reads scalars with Foundation's `String(bytes:encoding:)`, which drops a leading byte order
        /// mark; libyaml has already checked the bytes are UTF-8.
        static func text(_ start: UnsafeMutablePointer<UInt8>?, count: Int) -> String {
            let bytes = UnsafeBufferPointer(start: start, count: count)
            if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
                return String(bytes: bytes, encoding: .utf8) ?? String(decoding: bytes, as: UTF8.self)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
