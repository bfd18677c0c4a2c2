import Foundation
import Testing
@testable import ServerlessCompletion

@Suite("Completion: installing kubectl_complete-serverless")
struct InstallKubectlHelperTests {
    @Test func whereTheHelperGoes() {
        let env = ["HOME": "/home/u", "PATH": "/usr/bin:/bin"]
        #expect(KubectlCompletionHelper.directory(explicit: "/opt/bin", invokedAs: "/x/kubectl-serverless", environment: env) == "/opt/bin")
        // kubectl execs plugins by the path it found on PATH: krew's link in ~/.krew/bin.
        #expect(KubectlCompletionHelper.directory(explicit: nil, invokedAs: "/home/u/.krew/bin/kubectl-serverless", environment: env)
                == "/home/u/.krew/bin")
        // Run from inside krew's store: that directory changes with every upgrade, so krew's bin.
        #expect(KubectlCompletionHelper.directory(explicit: nil, invokedAs: "/home/u/.krew/store/serverless/v0.1.0/kubectl-serverless",
                                                  environment: env) == "/home/u/.krew/bin")
        #expect(KubectlCompletionHelper.directory(explicit: nil, invokedAs: "/k/store/serverless/v0.1.0/kubectl-serverless",
                                                  environment: env.merging(["KREW_ROOT": "/k"]) { $1 }) == "/k/bin")
        #expect(KubectlCompletionHelper.directory(explicit: nil, invokedAs: "kubectl-serverless", environment: env) == "/home/u/.krew/bin")
    }

    @Test func installIsIdempotentAndRepairs() throws {
        let directory = try Ops.temporaryDirectory().appendingPathComponent("bin").path
        let path = directory + "/" + KubectlCompletionHelper.fileName
        #expect(try KubectlCompletionHelper.install(into: directory) == .created)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == KubectlCompletionHelper.script)
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions == 0o755)
        #expect(try KubectlCompletionHelper.install(into: directory) == .unchanged)
        try "#!/bin/sh\nexec old\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try KubectlCompletionHelper.install(into: directory) == .updated)
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/bin/true")
        #expect(try KubectlCompletionHelper.install(into: directory) == .updated)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == KubectlCompletionHelper.script)
        #expect(KubectlCompletionHelper.isOnPath(directory + "/", environment: ["PATH": "/usr/bin:\(directory)"]))
        #expect(!KubectlCompletionHelper.isOnPath(directory, environment: ["PATH": "/usr/bin"]))
    }

    @Test func unwritableDirectoryIsAnInputError() throws {
        let file = try Ops.temporaryDirectory().appendingPathComponent("not-a-directory")
        try Data().write(to: file)
        #expect {
            try KubectlCompletionHelper.install(into: file.path)
        } throws: { error in
            (error as? KubectlCompletionHelper.InstallFailed)?.category == .input
        }
    }

    /// As a krew user would: the plugin alone on PATH, `kubectl serverless completion
    /// install-kubectl-helper`, then kubectl completes `kubectl serverless <TAB>`.
    @Test(.enabled(if: Ops.which("kubectl") != nil && Ops.binary != nil))
    func throughKubectlBesideThePlugin() throws {
        let bin = try Ops.temporaryDirectory()
        try FileManager.default.createSymbolicLink(atPath: bin.appendingPathComponent("kubectl-serverless").path,
                                                   withDestinationPath: try Ops.requireBinary())
        let env = Ops.environment(path: bin)
        let first = try Ops.run("kubectl", ["serverless", "completion", "install-kubectl-helper"], environment: env)
        #expect(first.status == 0, "\(first.stderr)")
        let helper = bin.appendingPathComponent(KubectlCompletionHelper.fileName).path
        #expect(first.stdout == "created \(helper)\n")
        #expect(first.stderr == "")
        let again = try Ops.run("kubectl", ["serverless", "completion", "install-kubectl-helper"], environment: env)
        #expect(again.stdout == "\(helper) is already up to date\n")
        let completion = try Ops.run("kubectl", ["__complete", "serverless", "comp"], environment: env)
        #expect(Ops.parse(completion.stdout).values == ["completion"])

        let elsewhere = try Ops.temporaryDirectory().path
        let outside = try Ops.run("kubectl", ["serverless", "completion", "install-kubectl-helper", "--dir", elsewhere], environment: env)
        #expect(outside.status == 0)
        #expect(outside.stderr.contains("is not on PATH"))
    }
}
