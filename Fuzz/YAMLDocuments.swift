@testable import ServerlessKit

/// `YAML.documents`: manifests, kubeconfigs and values files, through Yams (libyaml).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    if let documents = try? YAML.documents(input.text) {
        // -o yaml prints what we read.
        for document in documents { _ = YAML.text(document.value) }
    }
    return 0
}
