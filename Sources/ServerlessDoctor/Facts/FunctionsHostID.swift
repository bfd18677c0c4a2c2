/// The host id a Functions host will use, as Azure/azure-functions-host computes it
/// (src/WebJobs.Script/Host/ScriptHostIdProvider.cs, `GetHostIdAsync` and `GetDefaultHostId`):
/// - an explicit `AzureFunctionsWebHost:hostid` is used as it is: not lower-cased, not truncated;
/// - otherwise, on App Service (`WEBSITE_INSTANCE_ID`) and in Kubernetes-environment mode, the id is derived
///   from `WEBSITE_SITE_NAME[-WEBSITE_SLOT_NAME]` (`GetAzureWebsiteUniqueSlotName`: the slot unless it is
///   "production", lower-cased), cut to 32 characters (`MaximumHostIdLength`) and stripped of trailing dashes;
///   only such a truncated id is checked for collisions by the host (`HostIdValidator`);
/// - anywhere else it is `<machine name>-<hash>`, different per pod (AF-HOSTID-001's case).
public struct FunctionsHostID: Sendable, Equatable {
    public enum Origin: Sendable, Equatable {
        case explicit
        /// Derived from the site (and slot) name, before truncation.
        case derived(siteSlot: String, truncated: Bool)
    }

    public var value: String
    public var origin: Origin

    public static let maximumLength = 32

    /// Nil when the input does not say (a value from a Secret, an envFrom source we cannot read) or the id is per pod.
    public init?(_ host: FunctionsHost) {
        let explicit = host.env["AzureFunctionsWebHost__hostid"]
        if explicit.isSet {
            guard let id = explicit.literal else { return nil }
            self.init(value: id, origin: .explicit)
            return
        }
        guard explicit.isUnset, host.env["WEBSITE_INSTANCE_ID"].isSet || host.isAnyKubernetesEnvironment,
              let site = host.env["WEBSITE_SITE_NAME"].literal else { return nil }
        let slotSetting = host.env["WEBSITE_SLOT_NAME"]
        var slot = ""
        if slotSetting.isSet {
            guard let literal = slotSetting.literal else { return nil }
            slot = literal
        } else if !slotSetting.isUnset {
            return nil
        }
        self.init(siteSlot: (slot.isEmpty || slot.lowercased() == "production" ? site : "\(site)-\(slot)").lowercased())
    }

    package init(value: String, origin: Origin) {
        self.value = value
        self.origin = origin
    }

    /// `GetDefaultHostId`'s cut: .NET string lengths count UTF-16 units.
    package init(siteSlot: String) {
        let units = Array(siteSlot.utf16)
        let truncated = units.count > Self.maximumLength
        var id = String(decoding: units.prefix(Self.maximumLength), as: UTF16.self).lowercased()
        while id.hasSuffix("-") { id.removeLast() }
        self.init(value: id, origin: .derived(siteSlot: siteSlot, truncated: truncated))
    }

    /// Whether the host itself checks this id against others in its storage account at start-up.
    public var isValidatedByHost: Bool { if case .derived(_, true) = origin { return true } else { return false } }

    /// How the id came about, in the user's words.
    public var explanation: String {
        switch origin {
        case .explicit: return "host id \(value) (AzureFunctionsWebHost__hostid)"
        case let .derived(siteSlot, truncated):
            return truncated ? "host id \(value) (site name \(siteSlot) cut to 32 characters)" : "host id \(value) (from WEBSITE_SITE_NAME)"
        }
    }
}
