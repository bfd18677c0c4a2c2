import Foundation

/// One request per read for a whole run of many triggers: triggers that list the same container or ask
/// Event Hubs about the same hub and partition with the same credential send it once and all get the
/// answer (a hub's description once per hub, its partitions once per consumer group, since their URLs say
/// so). Only GET and HEAD are shared. A read is known by its URL (a SAS in it included), its method, and
/// a fingerprint of the credential it is sent with, so a trigger with a wrong key never gets another
/// trigger's answer. `newRound()` forgets every answer: a `--watch` round reads afresh.
public final class SharedReads: @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [String: Task<HTTPResponse, Error>] = [:]

    public init() {}

    public func newRound() {
        lock.withLock { answers = [:] }
    }

    /// How many distinct reads this round has sent or is sending.
    public var count: Int { lock.withLock { answers.count } }

    /// `base`, sharing reads with every other client of this run that has the same credentials.
    /// The credentials are fingerprinted (SHA-256), never kept.
    public func client(_ base: any HTTPClient, storageCredential: String?, eventHubsCredential: String?) -> any HTTPClient {
        SharedReadsClient(base: base, reads: self, storageScope: Self.fingerprint(storageCredential),
                          eventHubsScope: Self.fingerprint(eventHubsCredential))
    }

    package static func fingerprint(_ secret: String?) -> String {
        guard let secret else { return "-" }
        return SHA256.digest(secret).map { String(format: "%02x", $0) }.joined()
    }

    package func answer(_ key: String, send: @escaping @Sendable () async throws -> HTTPResponse) async throws -> HTTPResponse {
        let task = lock.withLock { () -> Task<HTTPResponse, Error> in
            if let known = answers[key] { return known }
            let task = Task { try await send() }
            answers[key] = task
            return task
        }
        return try await task.value
    }
}

/// Storage requests carry `x-ms-version` (every Blob service request must); Event Hubs runtime requests do not.
package struct SharedReadsClient: HTTPClient {
    package let base: any HTTPClient
    package let reads: SharedReads
    package let storageScope: String
    package let eventHubsScope: String

    package func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == .get || request.method == .head else { return try await base.send(request) }
        let storage = request.headers.contains { $0.name.lowercased() == "x-ms-version" }
        let key = "\(storage ? storageScope : eventHubsScope) \(request.method.rawValue) \(request.url)"
        let base = self.base
        return try await reads.answer(key) { try await base.send(request) }
    }
}
