@testable import ServerlessKubernetes


/// What a kubeconfig exec plugin (kubelogin, aws, gke-gcloud-auth-plugin) prints: an ExecCredential.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let (apiVersion, rest) = FuzzInput(data, size).choosing([ExecCredentialPlugin.v1, ExecCredentialPlugin.v1beta1])
    let plugin = ExecCredentialPlugin(config: Kubeconfig.ExecConfig(command: "kubelogin", apiVersion: apiVersion),
                                      cluster: Kubeconfig.Cluster(), environment: [:])
    if let credential = try? plugin.parse(rest.bytes) { _ = credential.isValid(at: .init(timeIntervalSince1970: 1_763_800_000)) }
    return 0
}
