@testable import ServerlessKit

/// `YAML.documents`: manifests, kubeconfigs and values files, through Yams (libyaml).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    guard let documents = try? YAML.documents(input.text) else { return 0 }
    for document in documents {
        // -o yaml prints what we read, and that text must read back as the same value.
        let text = YAML.text(document.value)
        let again = try? YAML.documents(text)
        fuzzExpect(again != nil, "YAML.text output does not parse:\n\(text)")
        if !text.contains(".nan"), let again {
            fuzzExpect(again.first?.value ?? .null == document.value, "YAML.text output reads back differently:\n\(text)")
        }
    }
    return 0
}
