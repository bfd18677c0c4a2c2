import CCurl
import Foundation

/// One attempt of one request: an easy handle set up to put exactly the request on the wire,
/// collecting the final response. Built on the caller's thread, run by `CurlMultiLoop`, finished
/// (and its handle freed) on the loop's thread.
package final class CurlTransfer: @unchecked Sendable {
    package enum Outcome {
        case response(HTTPResponse)
        case failure(CurlFailure)
        case cancelled
    }

    /// libcurl refused a setting (an option this build lacks, a bad value).
    package struct SetupFailure: Error {
        package var reason: TransportError.Reason
    }

    package let easy: UnsafeMutableRawPointer
    private var requestHeaders: UnsafeMutablePointer<curl_slist>?
    private var connectTo: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    private var released = false

    // Touched only by libcurl's callbacks, on the loop's thread.
    private var responseHeaders = ResponseHeaders()
    private var body: [UInt8] = []
    private var bodyTooLarge = false
    private let maxResponseBytes: Int

    /// Guarded by the loop's lock: a cancel that arrives before the loop has taken the transfer.
    package var cancelRequested = false

    private let lock = NSLock()
    private var continuation: CheckedContinuation<Outcome, Never>?
    private var pendingOutcome: Outcome?

    /// `systemCAFile`: `SSL_CERT_FILE`, read once by the transport.
    package init(request: HTTPRequest, options: TransportOptions, systemCAFile: String? = nil) throws {
        guard CurlGlobal.ensureInitialized(), let easy = curl_easy_init() else {
            throw SetupFailure(reason: .invalidOptions(detail: "libcurl could not be initialised"))
        }
        self.easy = easy
        maxResponseBytes = options.maxResponseBytes
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        do {
            try configure(request: request, options: options, systemCAFile: systemCAFile)
        } catch {
            release()
            throw error
        }
    }

    deinit {
        release()
        errorBuffer.deallocate()
    }

    // MARK: setup

    private func configure(request: HTTPRequest, options: TransportOptions, systemCAFile: String?) throws {
        // A line break in a header would let a value (say, a token read from a file with its
        // trailing newline) start a header of its own.
        if let bad = request.headers.first(where: { header in
            (header.name + header.value).contains { $0 == "\r" || $0 == "\n" || $0 == "\0" } || header.name.isEmpty
                || header.name.contains(":")
        }) {
            throw SetupFailure(reason: .invalidHeader(name: String(bad.name.prefix { $0 != "\r" && $0 != "\n" && $0 != ":" })))
        }
        var url = request.url
        var headers = request.headers
        if let serverName = options.tls.serverName, let route = ServerNameRoute(url: url, serverName: serverName) {
            url = route.url
            connectTo = curl_slist_append(nil, route.connectTo)
            try set(CURLOPT_CONNECT_TO, pointer: connectTo)
            if !headers.contains(where: { $0.name.lowercased() == "host" }) {
                headers.insert(("Host", route.hostHeader), at: 0)
            }
        }

        try set(CURLOPT_URL, url)
        try set(CURLOPT_PATH_AS_IS, 1)
        try set(CURLOPT_PROTOCOLS_STR, "http,https")
        try set(CURLOPT_NOSIGNAL, 1)
        // Waiting to multiplex pays off only where TLS's ALPN says HTTP/2 at the handshake; over plain HTTP
        // libcurl cannot know before the first response, so requests started together would wait one
        // round trip for each other instead of opening their own connections.
        if url.lowercased().hasPrefix("https://") { try set(CURLOPT_PIPEWAIT, 1) }
        try set(CURLOPT_TCP_KEEPALIVE, 1)
        try set(CURLOPT_SUPPRESS_CONNECT_HEADERS, 1)
        try set(CURLOPT_ERRORBUFFER, pointer: errorBuffer)

        switch request.method {
        case .get:
            try set(CURLOPT_HTTPGET, 1)
        case .head:
            try set(CURLOPT_NOBODY, 1)
        case .post:
            try set(CURLOPT_POST, 1)
            try check(ccurl_setopt_off(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count)))
            // COPYPOSTFIELDS: libcurl keeps its own copy for the life of the handle.
            let body = request.body.isEmpty ? [0] : request.body
            try body.withUnsafeBytes { try set(CURLOPT_COPYPOSTFIELDS, pointer: $0.baseAddress) }
        }

        // Headers in order, and nothing else: libcurl's own Accept, Expect: 100-continue and the
        // form Content-Type for POST are switched off unless the caller set them.
        var lines = headers.map { $0.value.isEmpty ? "\($0.name);" : "\($0.name): \($0.value)" }
        let given = Set(headers.map { $0.name.lowercased() })
        for name in ["Accept", "Expect", "Content-Type"] where !given.contains(name.lowercased()) {
            lines.append("\(name):")
        }
        for line in lines { requestHeaders = curl_slist_append(requestHeaders, line) }
        try set(CURLOPT_HTTPHEADER, pointer: requestHeaders)

        if let timeout = request.timeout ?? options.requestTimeout, timeout > .zero {
            try set(CURLOPT_TIMEOUT_MS, max(1, milliseconds(timeout)))
        }
        try set(CURLOPT_CONNECTTIMEOUT_MS, max(1, milliseconds(options.connectTimeout)))
        if let stall = options.stallTimeout, stall > .zero {
            try set(CURLOPT_LOW_SPEED_LIMIT, 1)
            try set(CURLOPT_LOW_SPEED_TIME, max(1, Int(stall.seconds.rounded(.up))))
        }
        try check(ccurl_setopt_off(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(options.maxResponseBytes)))

        if let proxy = options.proxy { try set(CURLOPT_PROXY, proxy) }
        try configureTLS(options.tls, systemCAFile: systemCAFile)

        let me = Unmanaged.passUnretained(self).toOpaque()
        try check(ccurl_setopt_write(easy, curlWrite))
        try set(CURLOPT_WRITEDATA, pointer: me)
        try check(ccurl_setopt_header(easy, curlHeader))
        try set(CURLOPT_HEADERDATA, pointer: me)
    }

    private func configureTLS(_ tls: TLSOptions, systemCAFile: String?) throws {
        if !tls.verify {
            try set(CURLOPT_SSL_VERIFYPEER, 0)
            try set(CURLOPT_SSL_VERIFYHOST, 0)
        } else {
            try set(CURLOPT_SSL_VERIFYPEER, 1)
            try set(CURLOPT_SSL_VERIFYHOST, 2)
        }
        // A CA given to us replaces the system's, as kubectl's certificate-authority does.
        if let pem = tls.caPEM {
            try blob(CURLOPT_CAINFO_BLOB, pem)
            try set(CURLOPT_CAPATH, pointer: nil)
        } else if let file = tls.caFile {
            try set(CURLOPT_CAINFO, file)
            try set(CURLOPT_CAPATH, pointer: nil)
        } else if let file = systemCAFile, !file.isEmpty {
            try set(CURLOPT_CAINFO, file)
        }
        if let pem = tls.clientCertificatePEM {
            try blob(CURLOPT_SSLCERT_BLOB, pem)
            try set(CURLOPT_SSLCERTTYPE, "PEM")
        } else if let file = tls.clientCertificateFile {
            try set(CURLOPT_SSLCERT, file)
            try set(CURLOPT_SSLCERTTYPE, "PEM")
        }
        if let key = tls.clientKeyPEM {
            try blob(CURLOPT_SSLKEY_BLOB, Array(key.value.utf8))
            try set(CURLOPT_SSLKEYTYPE, "PEM")
        } else if let file = tls.clientKeyFile {
            try set(CURLOPT_SSLKEY, file)
            try set(CURLOPT_SSLKEYTYPE, "PEM")
        }
    }

    private func set(_ option: CURLoption, _ value: Int) throws {
        try check(ccurl_setopt_long(easy, option, value))
    }

    /// libcurl copies string options, so the C string need only live for the call.
    private func set(_ option: CURLoption, _ value: String) throws {
        try check(value.withCString { ccurl_setopt_ptr(easy, option, $0) })
    }

    private func set(_ option: CURLoption, pointer: UnsafeRawPointer?) throws {
        try check(ccurl_setopt_ptr(easy, option, pointer))
    }

    private func blob(_ option: CURLoption, _ bytes: [UInt8]) throws {
        try check(bytes.withUnsafeBytes { ccurl_setopt_blob(easy, option, $0.baseAddress, $0.count) })
    }

    private func check(_ code: CURLcode) throws {
        guard code == CURLE_OK else {
            throw SetupFailure(reason: .invalidOptions(detail: String(cString: curl_easy_strerror(code))))
        }
    }

    private func milliseconds(_ duration: Duration) -> Int {
        Int(min(duration.seconds * 1000, Double(Int32.max)).rounded(.up))
    }

    // MARK: callbacks (loop thread)

    fileprivate func receive(body chunk: UnsafeRawBufferPointer) -> Bool {
        guard body.count + chunk.count <= maxResponseBytes else {
            bodyTooLarge = true
            return false
        }
        if body.isEmpty, let length = contentLength { body.reserveCapacity(min(length, maxResponseBytes)) }
        // As typed bytes, so the append is one copy rather than a byte at a time.
        body.append(contentsOf: chunk.assumingMemoryBound(to: UInt8.self))
        return true
    }

    /// The final response's Content-Length, when it gave one.
    private var contentLength: Int? {
        responseHeaders.fields.last { $0.name.lowercased() == "content-length" }.flatMap { Int($0.value) }
    }

    fileprivate func receive(headerLine: UnsafeRawBufferPointer) {
        responseHeaders.consume(line: String(decoding: headerLine, as: UTF8.self))
    }

    // MARK: completion

    /// Waits for the outcome; `start` hands the transfer to the loop once the continuation is in place.
    package func outcome(start: () -> Void) async -> Outcome {
        await withCheckedContinuation { continuation in
            lock.lock()
            if let outcome = pendingOutcome {
                lock.unlock()
                continuation.resume(returning: outcome)
                return
            }
            self.continuation = continuation
            lock.unlock()
            start()
        }
    }

    /// Called by the loop once libcurl is done with the handle (it is no longer in the multi handle).
    package func finish(code: CURLcode) {
        let outcome: Outcome
        if code == CURLE_OK {
            var status = 0
            _ = ccurl_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
            outcome = .response(HTTPResponse(status: status, headers: responseHeaders.fields, body: body))
        } else {
            var osErrno = 0
            _ = ccurl_getinfo_long(easy, CURLINFO_OS_ERRNO, &osErrno)
            var text = String(cString: errorBuffer)
            if text.isEmpty { text = String(cString: curl_easy_strerror(code)) }
            outcome = .failure(CurlFailure(code: Int(code.rawValue), text: text, osErrno: Int32(truncatingIfNeeded: osErrno),
                                           bodyTooLarge: bodyTooLarge))
        }
        body = []
        release()
        complete(outcome)
    }

    package func complete(_ outcome: Outcome) {
        lock.lock()
        guard pendingOutcome == nil else { lock.unlock(); return }
        pendingOutcome = outcome
        let continuation = self.continuation
        self.continuation = nil
        lock.unlock()
        continuation?.resume(returning: outcome)
    }

    private func release() {
        guard !released else { return }
        released = true
        curl_easy_cleanup(easy)
        curl_slist_free_all(requestHeaders)
        curl_slist_free_all(connectTo)
        requestHeaders = nil
        connectTo = nil
    }
}

private func curlWrite(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?) -> Int {
    guard let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    // Returning less than `length` makes libcurl stop with CURLE_WRITE_ERROR.
    return transfer.receive(body: UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
}

private func curlHeader(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?) -> Int {
    guard let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    transfer.receive(headerLine: UnsafeRawBufferPointer(start: data, count: length))
    return length
}
