import CLibXML2

/// The one way ServerlessKit reads XML: libxml2's SAX2 push parser with everything risky off.
/// - no network and no external anything: no entity resolver, no external subset, no DTD loading;
/// - `<!DOCTYPE` stops the parse, so no entity is ever declared, let alone expanded;
/// - size, depth and text caps; libxml2's own hard limits stay on (no XML_PARSE_HUGE);
/// - errors are collected per parse, never printed.
public enum XMLReader {
    public static func parse(_ bytes: [UInt8], limits: XMLLimits = .default, source: String,
                             handler: XMLContentHandler) throws {
        guard bytes.count <= limits.maxDocumentBytes else {
            throw XMLError(.tooLarge(limit: limits.maxDocumentBytes), source: source)
        }
        guard bytes.contains(where: { !isXMLSpace($0) }) else { throw XMLError(.empty, source: source) }
        _ = libraryReady

        // Errors that do not belong to a parser context go to this thread's handler: swallow them.
        xmlSetStructuredErrorFunc(nil, ignoreError)

        let state = ParseState(handler: handler, limits: limits, source: source)
        let unmanaged = Unmanaged.passRetained(state)
        defer { unmanaged.release() }

        var sax = xmlSAXHandler()
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        sax.startElementNs = startElement
        sax.endElementNs = endElement
        sax.characters = characters
        sax.cdataBlock = characters
        sax.ignorableWhitespace = characters
        sax.internalSubset = refuseDocumentType
        sax.serror = recordError
        // Left nil on purpose: resolveEntity, getEntity, entityDecl, externalSubset, reference.

        let firstChunk = min(bytes.count, 4)
        let context: xmlParserCtxtPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: firstChunk) { start in
                xmlCreatePushParserCtxt(&sax, unmanaged.toOpaque(), start, Int32(firstChunk), nil)
            }
        }
        guard let context else { throw XMLError(.malformed("the XML parser could not start"), source: source) }
        defer { xmlFreeParserCtxt(context) }
        state.context = context
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        xmlCtxtUseOptions(context, options)

        // Feed in chunks so a stop takes effect without reading the rest.
        let chunkSize = 64 << 10
        var offset = firstChunk
        repeat {
            let end = min(offset + chunkSize, bytes.count)
            let terminate: Int32 = end == bytes.count ? 1 : 0
            bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) { start in
                    _ = xmlParseChunk(context, start + offset, Int32(end - offset), terminate)
                }
            }
            offset = end
        } while offset < bytes.count && state.failure == nil && context.pointee.wellFormed != 0

        if let failure = state.failure { throw failure }
        if context.pointee.wellFormed == 0 || !state.sawRoot || !state.tags.isEmpty {
            throw XMLError(.malformed(state.firstLibraryError ?? "the document is incomplete"), source: source)
        }
    }

    private static let libraryReady: Void = xmlInitParser()

    static func isXMLSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0a || byte == 0x0d
    }
}

/// Everything one parse needs, reached from the C callbacks through the user-data pointer.
private final class ParseState {
    let handler: XMLContentHandler
    let limits: XMLLimits
    let source: String
    var context: xmlParserCtxtPtr?
    var tags: [XMLTag] = []
    var texts: [[UInt8]] = []
    var path: [String] = []
    var textBytes = 0
    var sawRoot = false
    var failure: Error?
    var firstLibraryError: String?

    init(handler: XMLContentHandler, limits: XMLLimits, source: String) {
        self.handler = handler
        self.limits = limits
        self.source = source
    }

    func stop(_ error: Error) {
        if failure == nil { failure = error }
        if let context { xmlStopParser(context) }
    }

    func stop(_ reason: XMLError.Reason) { stop(XMLError(reason, source: source)) }

    /// Counts text towards the cap; false once over it (and the parse is stopped).
    func account(_ count: Int) -> Bool {
        textBytes += count
        if textBytes > limits.maxTextBytes {
            stop(.tooMuchText(limit: limits.maxTextBytes))
            return false
        }
        return true
    }

    static func from(_ pointer: UnsafeMutableRawPointer?) -> ParseState {
        Unmanaged<ParseState>.fromOpaque(pointer!).takeUnretainedValue()
    }
}

private func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
    pointer.map { String(cString: $0) }
}

private let startElement: startElementNsSAX2Func = { userData, localName, _, uri, _, _, attributeCount, _, attributes in
    let state = ParseState.from(userData)
    guard state.failure == nil else { return }
    guard state.path.count < state.limits.maxDepth else {
        state.stop(.tooDeep(limit: state.limits.maxDepth))
        return
    }
    let name = string(localName) ?? ""
    var parsed: [(name: String, value: String)] = []
    if let attributes, attributeCount > 0 {
        parsed.reserveCapacity(Int(attributeCount))
        for index in 0..<Int(attributeCount) {
            // Five pointers per attribute: local name, prefix, URI, value start, value end.
            let base = index * 5
            guard let start = attributes[base + 3], let end = attributes[base + 4] else { continue }
            let value = UnsafeBufferPointer(start: start, count: end - start)
            guard state.account(value.count) else { return }
            parsed.append((string(attributes[base]) ?? "", decodeAttribute(String(decoding: value, as: UTF8.self))))
        }
    }
    state.sawRoot = true
    state.path.append(name)
    let tag = XMLTag(name: name, namespace: string(uri), attributes: parsed, path: state.path)
    state.tags.append(tag)
    state.texts.append([])
    do { try state.handler.start(tag) } catch { state.stop(error) }
}

private let endElement: endElementNsSAX2Func = { userData, _, _, _ in
    let state = ParseState.from(userData)
    guard state.failure == nil, let tag = state.tags.popLast(), let text = state.texts.popLast() else { return }
    do { try state.handler.end(tag, text: String(decoding: text, as: UTF8.self)) } catch { state.stop(error) }
    state.path.removeLast()
}

private let characters: charactersSAXFunc = { userData, bytes, length in
    let state = ParseState.from(userData)
    guard state.failure == nil, let bytes, length > 0, !state.texts.isEmpty else { return }
    guard state.account(Int(length)) else { return }
    state.texts[state.texts.count - 1].append(contentsOf: UnsafeBufferPointer(start: bytes, count: Int(length)))
}

private let refuseDocumentType: internalSubsetSAXFunc = { userData, _, _, _ in
    ParseState.from(userData).stop(.documentTypeRefused)
}

private let recordError: xmlStructuredErrorFunc = { userData, error in
    guard let userData, let error else { return }
    let state = ParseState.from(userData)
    guard state.firstLibraryError == nil, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
    let text = error.pointee.message.map { String(cString: $0) } ?? "malformed document"
    let oneLine = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? text
    let trimmed = oneLine.count > 160 ? String(oneLine.prefix(160)) + "…" : oneLine
    state.firstLibraryError = error.pointee.line > 0 ? "line \(error.pointee.line): \(trimmed)" : trimmed
}

private let ignoreError: xmlStructuredErrorFunc = { _, _ in }

/// Without entity substitution libxml2 hands attribute values over with every `&` written as
/// `&#38;` (for the tree builder to decode later). A literal `&` cannot occur otherwise, so this is exact.
private func decodeAttribute(_ value: String) -> String {
    value.contains("&") ? value.replacing("&#38;", with: "&") : value
}
