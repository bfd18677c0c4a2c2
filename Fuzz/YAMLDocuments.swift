@testable import ServerlessSupport


/// `YAML.documents`: manifests, kubeconfigs and values files, through Yams (libyaml).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    guard let documents = try? YAML.documents(input.text) else { return 0 }
    for document in documents {
        // -o yaml prints what we read, and that text must read back as the same value.
        let text = YAML.text(document.value)
        do {
            let again = try YAML.documents(text)
            if !text.contains(".nan") {
                fuzzExpect(again.first?.value ?? .null == lastOfRepeatedKeys(document.value),
                           "YAML.text output reads back differently:\n\(text)")
            }
        } catch {
            fuzzExpect(false, "YAML.text output does not parse (\(error)):\n\(text)")
        }
    }
    return 0
}

/// What YAML can hold of a value: one member per key, the last (as `Value` lookups see it).
private func lastOfRepeatedKeys(_ value: Value) -> Value {
    switch value {
    case let .array(items): return .array(items.map(lastOfRepeatedKeys))
    case let .object(members):
        var last: [String: Int] = [:]
        for (index, member) in members.enumerated() { last[member.key] = index }
        return .object(members.enumerated().filter { last[$0.element.key] == $0.offset }
            .map { ($0.element.key, lastOfRepeatedKeys($0.element.value)) })
    default: return value
    }
}
