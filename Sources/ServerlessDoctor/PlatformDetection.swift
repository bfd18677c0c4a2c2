/// Which platforms the input holds, so that only their checks run (unless `--platform` says otherwise).
public enum PlatformDetection {
    public static func platforms(in index: DoctorIndex) -> Set<Platform> {
        var found: Set<Platform> = []
        if !FunctionsHost.all(in: index).isEmpty { found.insert(.azureFunctions) }
        if index.store.objects.contains(where: { ScaledResource.groups.contains($0.group) })
            || !KedaOperator.all(in: index).isEmpty || !index.helmValues(.keda).isEmpty {
            found.insert(.keda)
        }
        if index.store.objects.contains(where: { $0.group == "fission.io" })
            || !index.fission.components.isEmpty || !index.helmValues(.fission).isEmpty {
            found.insert(.fission)
        }
        if !OpenWhiskComponent.all(in: index).isEmpty || !index.helmValues(.openwhisk).isEmpty {
            found.insert(.openwhisk)
        }
        // The cross-platform checks look at what the platforms own, so they apply whenever one is found.
        if !found.isEmpty { found.insert(.general) }
        return found
    }
}
