import Foundation

/// A throwaway PKI made with the `openssl` CLI: a CA, a server certificate for 127.0.0.1/localhost,
/// a server certificate only for `api.test.internal`, a client certificate, all signed by that CA,
/// and a second CA that signed none of them.
struct TestCertificates: Sendable {
    let directory: URL
    static let namedHost = "api.test.internal"

    var caFile: String { path("ca.crt") }
    var otherCAFile: String { path("other-ca.crt") }
    var serverCertificate: String { path("server.crt") }
    var serverKey: String { path("server.key") }
    var namedServerCertificate: String { path("named.crt") }
    var namedServerKey: String { path("named.key") }
    var clientCertificate: String { path("client.crt") }
    var clientKey: String { path("client.key") }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
    func bytes(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: directory.appendingPathComponent(name))) }

    /// Made once per test run.
    static func shared() throws -> TestCertificates { try made.get() }
    private static let made = Result { try TestCertificates.make() }

    private static func make() throws -> TestCertificates {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("transport-pki-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let pki = TestCertificates(directory: directory)
        for ca in ["ca", "other-ca"] {
            try pki.openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                             "-keyout", "\(ca).key", "-out", "\(ca).crt", "-days", "2", "-subj", "/CN=Transport Test \(ca)",
                             "-addext", "basicConstraints=critical,CA:TRUE",
                             "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
        }
        try pki.issue("server", subject: "/CN=127.0.0.1",
                      extensions: "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n")
        try pki.issue("named", subject: "/CN=\(namedHost)",
                      extensions: "subjectAltName=DNS:\(namedHost)\nextendedKeyUsage=serverAuth\n")
        try pki.issue("client", subject: "/CN=transport-test-client", extensions: "extendedKeyUsage=clientAuth\n")
        return pki
    }

    private func issue(_ name: String, subject: String, extensions: String) throws {
        try Data(extensions.utf8).write(to: directory.appendingPathComponent("\(name).ext"))
        try openssl(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                     "-keyout", "\(name).key", "-out", "\(name).csr", "-subj", subject])
        try openssl(["x509", "-req", "-in", "\(name).csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                     "-days", "2", "-out", "\(name).crt", "-extfile", "\(name).ext"])
    }

    private func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestServerProcess.ServerFailed(
                message: "openssl \(arguments.first ?? "") failed: \(String(decoding: message, as: UTF8.self))")
        }
    }
}
