@testable import ServerlessDoctor
@testable import ServerlessKubernetes


/// Every doctor rule of every platform over objects loaded from a manifest: the rules read untrusted objects too.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let (chart, rest) = FuzzInput(data, size).choosing([nil] + HelmChart.allCases.map(Optional.some))
    let input = ManifestText(file: "fuzz.yaml", text: rest.text, chart: chart)
    guard let load = try? ManifestLoader.assemble([input], paths: ["fuzz.yaml"]) else { return 0 }
    _ = Doctor.run(store: load.store, options: DoctorOptions(platforms: Set(Platform.allCases)))
    return 0
}
