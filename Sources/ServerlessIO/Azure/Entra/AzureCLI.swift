import Foundation
import ServerlessSupport

/// Tokens from the Azure CLI's login: `az account get-access-token -o json --resource <resource>`
/// (azure-identity `_credentials/azure_cli.py`; azidentity `azure_cli_credential.go`).
package struct AzureCLI: Sendable {
    /// azure-identity's default process timeout.
    package static let timeout: TimeInterval = 10
    /// azure-identity's `NOT_LOGGED_IN`, what users of the SDKs already know.
    package static let notLoggedIn = "Please run 'az login' to set up an account"

    package let path: String

    /// `az` on PATH, the way a shell finds it.
    package var executable: String? {
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/az"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    package func token(resource: String) async throws -> AccessToken {
        guard let executable else {
            throw EntraCredentialError("Azure CLI not found on PATH", hint: "install the Azure CLI and run 'az login'")
        }
        // azidentity `azure_cli_credential.go` `defaultAzTokenProvider`: the same arguments in the same order.
        let result = await Self.run(executable, ["account", "get-access-token", "-o", "json", "--resource", resource])
        switch result {
        case .couldNotStart:
            throw EntraCredentialError("could not run \(executable)", hint: "install the Azure CLI and run 'az login'")
        case .timedOut:
            throw EntraCredentialError("az account get-access-token did not finish within \(Int(Self.timeout)) seconds")
        case let .exited(status, stdout, stderr):
            guard status == 0 else {
                // azure-identity `_run_command`: "az login" or "az account set" in stderr, and no AADSTS code.
                let text = String(decoding: stderr, as: UTF8.self)
                if (text.contains("az login") || text.contains("az account set")) && !text.contains("AADSTS") {
                    throw EntraCredentialError("Azure CLI: \(Self.notLoggedIn)", hint: "run 'az login' (or 'az login --identity' on an Azure host)")
                }
                let said = text.split(whereSeparator: \.isNewline).first { !$0.contains("accessToken") }
                throw EntraCredentialError("az account get-access-token failed (exit \(status))"
                                           + (displayableServerText(said.map(String.init)).map { ": \($0)" } ?? ""))
            }
            return try Self.parse(stdout)
        }
    }

    /// `accessToken` with `expires_on` (epoch seconds, az 2.54+) or else `expiresOn`, a local time
    /// `YYYY-MM-DD hh:mm:ss.ffffff` (azure-identity `parse_token`).
    package static func parse(_ output: [UInt8]) throws -> AccessToken {
        guard let value = try? JSON.parse(output), let token = value["accessToken"].string, !token.isEmpty else {
            throw EntraCredentialError("az account get-access-token printed no accessToken")
        }
        if let on = value["expires_on"].int {
            return AccessToken(token: Secret(token), expiresOn: Date(timeIntervalSince1970: TimeInterval(on)))
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .current
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss.SSSSSS"
        guard let text = value["expiresOn"].string, let date = formatter.date(from: text) else {
            throw EntraCredentialError("az account get-access-token printed no expires_on or expiresOn")
        }
        return AccessToken(token: Secret(token), expiresOn: date)
    }

    /// Written by one thread, read after `DispatchGroup.wait()` by another.
    private final class ErrorOutput: @unchecked Sendable { var data = Data() }

    package enum RunResult { case couldNotStart, timedOut, exited(Int32, stdout: [UInt8], stderr: [UInt8]) }

    /// No shell, stdin closed, both streams captured (stderr says why az failed; it is never printed whole).
    package static func run(_ executable: String, _ arguments: [String]) async -> RunResult {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: executable)
                process.arguments = arguments
                var environment = ProcessInfo.processInfo.environment
                environment["AZURE_CORE_NO_COLOR"] = "true"
                process.environment = environment
                process.standardInput = FileHandle.nullDevice
                let stdout = Pipe(), stderr = Pipe()
                process.standardOutput = stdout
                process.standardError = stderr
                do { try process.run() } catch {
                    continuation.resume(returning: .couldNotStart)
                    return
                }
                let timer = DispatchWorkItem { if process.isRunning { process.terminate() } }
                DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: timer)
                // stderr is drained beside stdout, so that neither pipe can fill up and stall az.
                let errorBytes = ErrorOutput()
                let drained = DispatchGroup()
                DispatchQueue.global().async(group: drained) { errorBytes.data = stderr.fileHandleForReading.readDataToEndOfFile() }
                let output = stdout.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                drained.wait()
                timer.cancel()
                if process.terminationReason == .uncaughtSignal {
                    continuation.resume(returning: .timedOut)
                } else {
                    continuation.resume(returning: .exited(process.terminationStatus, stdout: Array(output),
                                                           stderr: Array(errorBytes.data)))
                }
            }
        }
    }
}
