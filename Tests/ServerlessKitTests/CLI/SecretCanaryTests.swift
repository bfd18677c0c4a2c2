import Foundation
import Testing
@testable import ServerlessSupport

/// Every command in every output format, verbose, succeeding and failing, run with canary secrets: a
/// storage account key, a SAS signature, an Event Hubs key, a bearer token and a Kubernetes Secret
/// value. None may show up in stdout, stderr or any file the plugin wrote (home and working
/// directory), raw or in an encoding that could leak it (base64, percent-encoding).
@Suite(.serialized) struct SecretCanaryTests {
    static let storageKeyText = "CANARY-storage-key-7c1d2e3f4a5b"
    static let storageKey = Data(storageKeyText.utf8).base64EncodedString()
    static let eventHubsKey = "CANARY-eventhubs-key-0f9e8d7c"
    static let bearerToken = "CANARY-bearer-token-3a4b5c6d"
    static let secretValue = "CANARY-k8s-secret-value-9d8e7f"
    static let wrongStorageKey = Data("CANARY-wrong-storage-key-1122".utf8).base64EncodedString()
    static let wrongSignature = Data("CANARY-wrong-sas-signature-3344".utf8).base64EncodedString()
    static let wrongToken = "CANARY-wrong-bearer-token-5566"

    /// A secret and the forms it could leak in.
    static func encodings(_ secret: String) -> [String] {
        var forms = [secret, Data(secret.utf8).base64EncodedString()]
        if let percent = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics), percent != secret { forms.append(percent) }
        if let bytes = Data(base64Encoded: secret), let text = String(data: bytes, encoding: .utf8), text.allSatisfy(\.isASCII) {
            forms.append(text)  // the key's own bytes
        }
        // base64 drops a trailing `=` pad inside a longer encoding; the unpadded form is what could appear.
        forms.append(contentsOf: forms.filter { $0.hasSuffix("=") }.map { String($0.reversed().drop { $0 == "=" }.reversed()) })
        return forms
    }

    struct Run {
        var label: String
        var result: Ops.Result
    }

    @Test func noCanaryInAnyOutputOrFile() throws {
        let world = try CLIWorld(forbid: [], storageKey: Self.storageKey, eventHubsKey: Self.eventHubsKey,
                                 kubeTokens: [Self.bearerToken], secretExtra: ["apiKey": Self.secretValue])
        try world.seed()
        let kubeconfig = try world.kubeconfig(token: Self.bearerToken)
        let sas = world.accountSAS(expiry: "2099-01-01T00:00:00Z")
        let sasStorage = world.sasConnection(expiry: "2099-01-01T00:00:00Z")
        var runs: [Run] = []
        func run(_ label: String, _ arguments: [String], kubeconfig config: String = kubeconfig) throws {
            runs.append(Run(label: label, result: try world.run(arguments, kubeconfig: config)))
        }

        let object = ["checkpoints", "orders", "-n", "fn", "--kubeconfig", kubeconfig] + world.endpoint
        for format in ["table", "wide", "json", "yaml"] {
            try run("checkpoints SO -o \(format)", object + ["-o", format, "-v"])
            try run("checkpoints SAS -o \(format)", world.flags(storage: sasStorage) + world.endpoint + ["-o", format, "-v"])
        }
        for format in ["table", "wide", "json", "yaml", "sarif", "junit"] {
            try run("doctor -o \(format)", ["doctor", "--kubeconfig", kubeconfig, "-A", "-o", format, "-v", "--fail-on", "info"])
        }
        try run("version", ["version", "-v"])
        try run("version -o json", ["version", "-o", "json", "-v"])
        try run("completion bash", ["completion", "bash"])
        try run("__complete names", ["__complete", "checkpoints", "-n", "fn", ""])
        try run("__complete namespaces", ["__complete", "checkpoints", "-n", ""])

        // Failures.
        let wrongKey = world.storage.replacingOccurrences(of: Self.storageKey, with: Self.wrongStorageKey)
        try run("wrong storage key (403)", world.flags(storage: wrongKey) + world.endpoint + ["-v", "-o", "json"])
        let wrongSAS = world.sasConnection(expiry: "2099-01-01T00:00:00Z", signature: Self.wrongSignature)
        try run("wrong SAS signature (403)", world.flags(storage: wrongSAS) + world.endpoint + ["-v"])
        let wrongEH = world.eventHubs.replacingOccurrences(of: Self.eventHubsKey, with: "CANARY-wrong-eh")
        try run("wrong Event Hubs key (401)", world.flags(eventHubs: wrongEH) + world.endpoint + ["-v"])
        let wrongTokenConfig = try world.kubeconfig(token: Self.wrongToken)
        try run("wrong bearer token (401), checkpoints", ["checkpoints", "orders", "-n", "fn", "--kubeconfig", wrongTokenConfig, "-v"],
                kubeconfig: wrongTokenConfig)
        try run("wrong bearer token (401), doctor", ["doctor", "--kubeconfig", wrongTokenConfig, "-A", "-v", "-o", "json"],
                kubeconfig: wrongTokenConfig)
        let down = world.storage.replacingOccurrences(of: "127.0.0.1:\(world.azure.port)", with: "127.0.0.1:1")
        try run("storage down", world.flags(storage: down) + world.endpoint + ["-v", "--request-timeout", "2s"])
        let downSAS = sasStorage.replacingOccurrences(of: "127.0.0.1:\(world.azure.port)", with: "127.0.0.1:1")
        try run("storage down, SAS", world.flags(storage: downSAS) + world.endpoint + ["-v", "--request-timeout", "2s"])
        let kubeDown = try world.kubeconfig(server: "https://127.0.0.1:1", token: Self.bearerToken)
        try run("API server down, checkpoints", ["checkpoints", "orders", "-n", "fn", "--kubeconfig", kubeDown, "-v"], kubeconfig: kubeDown)
        try run("API server down, doctor", ["doctor", "--kubeconfig", kubeDown, "-A", "-v"], kubeconfig: kubeDown)
        try run("API server down, completion", ["__complete", "checkpoints", "-n", ""], kubeconfig: kubeDown)

        // The runs did what they say, so the search below looked at real output and real errors.
        let status = Dictionary(runs.map { ($0.label, $0.result.status) }, uniquingKeysWith: { $1 })
        #expect(status["checkpoints SO -o json"] == 1 && status["checkpoints SAS -o json"] == 1, "\(status)")
        #expect(runs.first { $0.label == "checkpoints SO -o json" }?.result.stdout.contains("\"ok\"") == true)
        #expect(runs.first { $0.label == "checkpoints SAS -o json" }?.result.stdout.contains("\"ok\"") == true)
        #expect(runs.first { $0.label == "checkpoints SO -o table" }?.result.stderr.contains("GET ") == true)  // -v logged requests
        #expect(status["doctor -o json"] == 1)
        #expect(status["version"] == 0 && status["completion bash"] == 0)
        #expect(Ops.parse(runs.first { $0.label == "__complete names" }?.result.stdout ?? "").values == ["orders"])
        for label in ["wrong storage key (403)", "wrong SAS signature (403)", "wrong Event Hubs key (401)", "storage down",
                      "storage down, SAS", "API server down, checkpoints", "API server down, doctor",
                      "wrong bearer token (401), checkpoints", "wrong bearer token (401), doctor"] {
            #expect(status[label] == 3, "\(label): \(status[label] ?? -1)")
        }
        #expect(try world.azure.requestLog().contains { $0.status == 403 && $0.auth == "sas-account" })
        #expect(try world.azure.requestLog().contains { $0.status == 200 && $0.auth == "sas-account" })

        let secrets: [(String, String)] = [
            ("storage key", Self.storageKey), ("wrong storage key", Self.wrongStorageKey), ("SAS signature", sas.signature),
            ("wrong SAS signature", Self.wrongSignature), ("Event Hubs key", Self.eventHubsKey), ("wrong Event Hubs key", "CANARY-wrong-eh"),
            ("bearer token", Self.bearerToken), ("wrong bearer token", Self.wrongToken), ("Secret value", Self.secretValue),
            ("storage connection string", world.storage), ("Event Hubs connection string", world.eventHubs),
        ]
        var files: [(String, String)] = []
        for root in [world.home.path, world.work.path] {
            let enumerator = FileManager.default.enumerator(atPath: root)
            while let relative = enumerator?.nextObject() as? String {
                let path = root + "/" + relative
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                   let data = FileManager.default.contents(atPath: path) {
                    files.append((path, String(decoding: data, as: UTF8.self)))
                }
            }
        }
        for (name, secret) in secrets {
            for form in Self.encodings(secret) {
                for run in runs {
                    #expect(!run.result.stdout.contains(form), "\(name) (as \(form)) in stdout of \(run.label)")
                    #expect(!run.result.stderr.contains(form), "\(name) (as \(form)) in stderr of \(run.label): \(run.result.stderr)")
                }
                for (path, text) in files {
                    #expect(!text.contains(form), "\(name) (as \(form)) in \(path)")
                }
            }
        }
        for run in runs { CLIWorld.expectNoStackTrace(run.result) }
    }

    /// Entra ID: the client secret, the federated assertion, App Service's identity header and every token
    /// (Entra's, IMDS's, App Service's, the Azure CLI's) through every source, at every verbosity and
    /// in every format, succeeding and failing. Every token here is a JWT with the same header, so the
    /// header's text stands for any token the servers issued.
    @Test func noEntraSecretTokenOrAssertionInAnyOutput() throws {
        typealias E = EntraCredentialCommandTests
        let world = try E.world()
        let kubeconfig = try world.kubeconfig()
        let assertion = E.serviceAccountToken()
        let tokenFile = try world.inputs.write("sa-token", assertion)
        let az = try E.stubAz(in: world.inputs)
        let staleAz = try E.stubAz(in: world.inputs, alwaysExpired: true)
        let port = world.azure.port
        let secretEnv = ["AZURE_TENANT_ID": E.tenant, "AZURE_CLIENT_ID": E.clientID, "AZURE_CLIENT_SECRET": E.clientSecret]
        let sources: [(String, [String], [String: String])] = [
            ("client-secret", [], secretEnv),
            ("workload-identity", [], ["AZURE_TENANT_ID": E.tenant, "AZURE_CLIENT_ID": E.workloadClientID,
                                       "AZURE_FEDERATED_TOKEN_FILE": tokenFile]),
            ("IMDS", [], ["AZURE_POD_IDENTITY_AUTHORITY_HOST": "https://127.0.0.1:\(port)"]),
            ("App Service", [], ["IDENTITY_ENDPOINT": "https://127.0.0.1:\(port)/msi/token", "IDENTITY_HEADER": E.identityHeader]),
            ("azure-cli", ["--azure-credential", "azure-cli"], ["PATH": az + ":/usr/bin:/bin"]),
        ]
        var runs: [Run] = []
        let formats = ["table", "wide", "json", "yaml"]
        for (label, flags, environment) in sources {
            for (level, verbosity) in [[], ["-v"], ["-vv"], ["-vvv"]].enumerated() {
                let result = try world.run(try E.workloadFlags(world) + flags + verbosity + ["-o", formats[level]],
                                           kubeconfig: kubeconfig, extra: E.isolated(world, environment))
                runs.append(Run(label: "\(label) \(verbosity) -o \(formats[level])", result: result))
            }
        }
        var wrongSecret = secretEnv
        wrongSecret["AZURE_CLIENT_SECRET"] = "CANARY-wrong-client-secret-99cc"
        var noRole = secretEnv
        noRole["AZURE_CLIENT_ID"] = E.noStorageRole
        var wrongAssertion: [String: String] = ["AZURE_TENANT_ID": E.tenant, "AZURE_CLIENT_ID": E.workloadClientID]
        wrongAssertion["AZURE_FEDERATED_TOKEN_FILE"] = try world.inputs.write("other-sa-token", E.serviceAccountToken(subject: "system:serviceaccount:fn:other"))
        let failures: [(String, [String], [String: String])] = [
            ("wrong client secret", [], wrongSecret),
            ("assertion of another subject", [], wrongAssertion),
            ("no storage role", [], noRole),
            ("always expired", ["--azure-credential", "azure-cli"], ["PATH": staleAz + ":/usr/bin:/bin"]),
            ("wrong identity header", [], ["IDENTITY_ENDPOINT": "https://127.0.0.1:\(port)/msi/token", "IDENTITY_HEADER": "CANARY-wrong-header-00dd"]),
        ]
        for (label, flags, environment) in failures {
            for verbosity in [[], ["-vvv"]] {
                runs.append(Run(label: label + " \(verbosity)", result: try world.run(
                    try E.workloadFlags(world) + flags + verbosity + ["-o", "json"], kubeconfig: kubeconfig,
                    extra: E.isolated(world, environment))))
            }
        }

        let status = Dictionary(runs.map { ($0.label, $0.result.status) }, uniquingKeysWith: { $1 })
        for (label, _, _) in sources {
            #expect(status["\(label) [] -o table"] == 1, "\(label): \(runs.first { $0.label.hasPrefix(label) }?.result.stderr ?? "")")
            #expect(runs.first { $0.label == "\(label) [\"-vvv\"] -o yaml" }?.result.stderr.contains("Entra ID token from") == true)
        }
        for (label, _, _) in failures { #expect(status[label + " []"] == 3, "\(label): \(status[label + " []"] ?? -1)") }

        let jwtHeader = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
        let secrets: [(String, String)] = [
            ("client secret", E.clientSecret), ("wrong client secret", "CANARY-wrong-client-secret-99cc"),
            ("identity header", E.identityHeader), ("wrong identity header", "CANARY-wrong-header-00dd"),
            ("federated assertion", assertion), ("any token (JWT header)", jwtHeader),
        ]
        for (name, secret) in secrets {
            for form in Self.encodings(secret) {
                for run in runs {
                    #expect(!run.result.stdout.contains(form), "\(name) (as \(form)) in stdout of \(run.label)")
                    #expect(!run.result.stderr.contains(form), "\(name) (as \(form)) in stderr of \(run.label): \(run.result.stderr)")
                }
            }
        }
        for run in runs { CLIWorld.expectNoStackTrace(run.result) }
    }

    /// The encodings the search uses are the ones that matter: the canary test must be able to fail.
    @Test func theSearchFindsEachEncoding() {
        let forms = Self.encodings(Self.storageKey)
        #expect(forms.contains(Self.storageKeyText))  // the key's bytes
        #expect(forms.contains(Data(Self.storageKey.utf8).base64EncodedString()))  // as a Secret's data holds it
        let sig = "ab+c/d=="
        #expect(Self.encodings(sig).contains("ab%2Bc%2Fd%3D%3D"))  // as a SAS query carries it
        #expect(Self.encodings(sig).contains("ab+c/d"))
    }
}
