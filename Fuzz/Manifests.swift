@testable import ServerlessKubernetes


/// `doctor -f FILE` and `--helm-values CHART=FILE`: multi-document YAML or JSON into the object store.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let (chart, rest) = FuzzInput(data, size).choosing([nil] + HelmChart.allCases.map(Optional.some))
    let input = ManifestText(file: "fuzz.yaml", text: rest.text, chart: chart)
    _ = try? ManifestLoader.assemble([input], paths: ["fuzz.yaml"])
    return 0
}
