import CLibXML2

/// The one way the plugin reads XML: libxml2's SAX2 push parser with everything risky off.
/// - no network and no external anything: no entity resolver, no external subset, no DTD loading;
/// - `<!DOCTYPE` stops the parse, so no entity is ever declared, let alone expanded;
/// - size, depth and text caps; libxml2's own hard limits stay on (no XML_PARSE_HUGE);
/// - errors are collected per parse, never printed.
public enum XMLReader {
    /// Every element as an `XMLTag` with its text: simple, and fine for small documents.
    public static func parse(_ bytes: [UInt8], limits: XMLLimits = .default, source: String,
                             handler: XMLContentHandler) throws {
        try parse(bytes, limits: limits, source: source, elements: XMLTagBuilder(handler))
    }

    /// Elements as borrowed bytes, text only where asked for: for large documents (List Blobs pages).
    public static func parse(_ bytes: [UInt8], limits: XMLLimits = .default, source: String,
                             elements handler: XMLElementHandler) throws {
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

        try bytes.withUnsafeBufferPointer { buffer in
            try buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { start in
                let firstChunk = min(buffer.count, 4)
                guard let context = xmlCreatePushParserCtxt(&sax, unmanaged.toOpaque(), start, Int32(firstChunk), nil) else {
                    throw XMLError(.malformed("the XML parser could not start"), source: source)
                }
                defer { xmlFreeParserCtxt(context) }
                state.context = context
                let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
                xmlCtxtUseOptions(context, options)

                // Feed in chunks so a stop takes effect without reading the rest; 64 KB measured
                // as fast as one big chunk.
                let chunkSize = 64 << 10
                var offset = firstChunk
                repeat {
                    let end = min(offset + chunkSize, buffer.count)
                    _ = xmlParseChunk(context, start + offset, Int32(end - offset), end == buffer.count ? 1 : 0)
                    offset = end
                } while offset < buffer.count && state.failure == nil && context.pointee.wellFormed != 0

                if let failure = state.failure { throw failure }
                if context.pointee.wellFormed == 0 || !state.sawRoot || !state.frames.isEmpty {
                    throw XMLError(.malformed(state.firstLibraryError ?? "the document is incomplete"), source: source)
                }
            }
        }
    }

    private static let libraryReady: Void = xmlInitParser()

    package static func isXMLSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0a || byte == 0x0d
    }
}


/// Everything one parse needs, reached from the C callbacks through the user-data pointer.
private final class ParseState {
    /// One open element: where its text starts in `text`, and whether the handler wants it.
    struct Frame {
        var textStart: Int
        var collects: Bool
    }

    let handler: XMLElementHandler
    let limits: XMLLimits
    let source: String
    var context: xmlParserCtxtPtr?
    // The fields below are touched only from libxml2's callbacks, one at a time, on this thread:
    // Swift's run-time exclusivity checks (it cannot prove that through the C pointer) cost more
    // than the work they guard.
    /// Open elements, the root first.
    @exclusivity(unchecked) var frames: [Frame] = []
    /// The wanted text of the open elements, stacked: a child's is dropped at its end, so the parent
    /// goes on appending its own. One buffer reused for the whole document.
    @exclusivity(unchecked) var text: [UInt8] = []
    @exclusivity(unchecked) var textBytes = 0
    var sawRoot = false
    var failure: Error?
    var firstLibraryError: String?

    init(handler: XMLElementHandler, limits: XMLLimits, source: String) {
        self.handler = handler
        self.limits = limits
        self.source = source
        frames.reserveCapacity(min(limits.maxDepth, 64))
        text.reserveCapacity(4096)
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

private let startElement: startElementNsSAX2Func = { userData, localName, _, uri, _, _, attributeCount, _, attributes in
    let state = ParseState.from(userData)
    guard state.failure == nil else { return }
    guard state.frames.count < state.limits.maxDepth else {
        state.stop(.tooDeep(limit: state.limits.maxDepth))
        return
    }
    let element = XMLElementView(name: localName, depth: state.frames.count + 1, namespace: uri,
                                 attributes: attributes, attributeCount: Int(attributeCount))
    guard state.account(element.attributeValueBytes) else { return }
    state.sawRoot = true
    state.frames.append(ParseState.Frame(textStart: state.text.count, collects: false))
    do {
        let collects = try state.handler.start(element)
        state.frames[state.frames.count - 1].collects = collects
    } catch {
        state.stop(error)
    }
}

private let endElement: endElementNsSAX2Func = { userData, localName, _, uri in
    let state = ParseState.from(userData)
    guard state.failure == nil, let frame = state.frames.last else { return }
    let element = XMLElementView(name: localName, depth: state.frames.count, namespace: uri)
    do {
        try state.text.withUnsafeBufferPointer { all in
            try state.handler.end(element, text: UnsafeBufferPointer(rebasing: all[frame.textStart...]))
        }
    } catch {
        state.stop(error)
    }
    state.text.removeLast(state.text.count - frame.textStart)
    state.frames.removeLast()
}

private let characters: charactersSAXFunc = { userData, bytes, length in
    let state = ParseState.from(userData)
    guard state.failure == nil, let bytes, length > 0, let frame = state.frames.last else { return }
    guard state.account(Int(length)) else { return }
    if frame.collects { state.text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: Int(length))) }
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
