@testable import ServerlessKubernetes


/// A kubeconfig file's text, then the flags-over-file resolution kubectl does (no files read, no cluster).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard var config = try? Kubeconfig.parse(FuzzInput(data, size).text, file: "/fuzz/.kube/config") else { return 0 }
    // Token files would be read from disk; the path is the fuzzer's to choose, so leave them out.
    for name in config.users.keys { config.users[name]?.tokenFile = nil }
    let environment = KubeEnvironment(variables: [:], home: "/fuzz", currentDirectory: "/fuzz",
                                      serviceAccountDirectory: "/nonexistent/serviceaccount")
    _ = try? KubeconfigLoader.resolve(config, overrides: KubeconfigOverrides(), environment: environment)
    return 0
}
