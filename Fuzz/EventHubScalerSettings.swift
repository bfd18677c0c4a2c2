@testable import ServerlessKEDA


/// A ScaledObject's azure-eventhub trigger as KEDA parses it per version, then the checkpoint blob it reads.
/// Input lines are `key=value` trigger metadata, `env.NAME=value` container env, `auth.key=value`
/// TriggerAuthentication parameters, and `identity=provider`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let (version, rest) = FuzzInput(data, size).choosing([KEDAVersion.newest, KEDAVersion(2, 20, 2), KEDAVersion(2, 18, 0),
                                                          KEDAVersion(2, 15, 1), KEDAVersion(2, 13, 0), KEDAVersion(2, 9, 0)])
    var trigger = EventHubTriggerMetadata(metadata: [:])
    for line in rest.text.split(separator: "\n") {
        let parts = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let key = String(parts[0]), value = parts.count > 1 ? String(parts[1]) : ""
        if key.hasPrefix("env.") {
            trigger.resolvedEnv[String(key.dropFirst(4))] = value
        } else if key.hasPrefix("auth.") {
            trigger.authParams[String(key.dropFirst(5))] = value
        } else if key == "identity" {
            trigger.podIdentityProvider = value
        } else {
            trigger.metadata[key] = value
        }
    }
    guard let settings = try? EventHubScalerSettings(parsing: trigger, version: version) else { return 0 }
    for partition in ["0", "31", "a/b"] { _ = settings.checkpointLocation(partitionID: partition) }
    return 0
}
