import Foundation
import ServerlessSupport

/// Host ids key the timer and singleton locks in the shared storage account.
public struct HostIDCollision: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "AF-HOSTID-003", platform: .azureFunctions, severity: .warning,
        title: "Two Functions apps sharing storage with the same host id",
        rationale: """
            Timer schedules and singleton locks live under azure-webjobs-hosts/<host id>/ in the storage account, named \
            after the function: two apps with the same host id sharing a storage account may take each other's locks, \
            so a function in one may not run while the same-named function in the other holds the lock. An explicit \
            AzureFunctionsWebHost__hostid is used exactly as written; an id derived from WEBSITE_SITE_NAME[-WEBSITE_SLOT_NAME] \
            (App Service, Kubernetes-environment mode) is lower-cased and cut to 32 characters, so long site names \
            that differ only after that collide. For such a cut id the host checks the storage account itself \
            (AZFD004) and stops when the id is already claimed by another WEBSITE_HOSTNAME: that is an error here.
            """,
        fix: "Give each app its own AzureFunctionsWebHost__hostid (at most 32 characters, unique per storage account), or shorten WEBSITE_SITE_NAME so the first 32 characters differ.",
        references: ["Azure/Azure-Functions#809", "Azure/azure-functions-host#2151"],
        triggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: orders, namespace: functions}
            spec:
              template:
                spec:
                  containers:
                  - name: orders
                    image: example.azurecr.io/orders:1.0
                    env:
                    - {name: AzureFunctionsWebHost__hostid, value: shop}
                    - {name: AzureWebJobsStorage, valueFrom: {secretKeyRef: {name: shop-storage, key: connection}}}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: invoices, namespace: functions}
            spec:
              template:
                spec:
                  containers:
                  - name: invoices
                    image: example.azurecr.io/invoices:1.0
                    env:
                    - {name: AzureFunctionsWebHost__hostid, value: shop}
                    - {name: AzureWebJobsStorage, valueFrom: {secretKeyRef: {name: shop-storage, key: connection}}}
            """, """
            # Kubernetes-environment mode: site names equal in their first 32 characters
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: orders-processing-westeurope-01-blue, namespace: functions}
            spec:
              template:
                spec:
                  containers:
                  - name: func
                    image: example.azurecr.io/orders:1.0
                    env:
                    - {name: POD_NAMESPACE, value: functions}
                    - {name: WEBSITE_SITE_NAME, value: orders-processing-westeurope-01-blue}
                    - {name: AzureWebJobsStorage, valueFrom: {secretKeyRef: {name: shop-storage, key: connection}}}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: orders-processing-westeurope-01-green, namespace: functions}
            spec:
              template:
                spec:
                  containers:
                  - name: func
                    image: example.azurecr.io/orders:1.0
                    env:
                    - {name: POD_NAMESPACE, value: functions}
                    - {name: WEBSITE_SITE_NAME, value: orders-processing-westeurope-01-green}
                    - {name: AzureWebJobsStorage, valueFrom: {secretKeyRef: {name: shop-storage, key: connection}}}
            """],
        nonTriggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: orders, namespace: functions}
            spec:
              template:
                spec:
                  containers:
                  - name: orders
                    image: example.azurecr.io/orders:1.0
                    env:
                    - {name: AzureFunctionsWebHost__hostid, value: orders}
                    - {name: AzureWebJobsStorage, valueFrom: {secretKeyRef: {name: shop-storage, key: connection}}}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: invoices, namespace: functions}
            spec:
              template:
                spec:
                  containers:
                  - name: invoices
                    image: example.azurecr.io/invoices:1.0
                    env:
                    - {name: AzureFunctionsWebHost__hostid, value: invoices}
                    - {name: AzureWebJobsStorage, valueFrom: {secretKeyRef: {name: shop-storage, key: connection}}}
            """, """
            # explicit host ids are used as written: these differ after 32 characters, so they do not collide
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: orders, namespace: functions}
            spec:
              template:
                spec:
                  containers:
                  - name: orders
                    image: example.azurecr.io/orders:1.0
                    env:
                    - {name: AzureFunctionsWebHost__hostid, value: orders-processing-westeurope-01-blue}
                    - {name: AzureWebJobsStorage, valueFrom: {secretKeyRef: {name: shop-storage, key: connection}}}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: invoices, namespace: functions}
            spec:
              template:
                spec:
                  containers:
                  - name: invoices
                    image: example.azurecr.io/invoices:1.0
                    env:
                    - {name: AzureFunctionsWebHost__hostid, value: orders-processing-westeurope-01-green}
                    - {name: AzureWebJobsStorage, valueFrom: {secretKeyRef: {name: shop-storage, key: connection}}}
            """])

    /// Where the app's storage connection comes from, when the input says: a Secret key, an envFrom source, or an account name.
    package static func storageSource(_ host: FunctionsHost, index: DoctorIndex) -> String? {
        let namespace = index.namespace(of: host.workload.object) ?? ""
        if let variable = host.container.env.last(where: { $0.name == "AzureWebJobsStorage" }) {
            let ref = variable.valueFrom["secretKeyRef"]
            if let name = ref["name"].string { return "\(namespace)/Secret \(name) key \(ref["key"].string ?? "")" }
            return nil  // a literal: comparing would mean reading the credential
        }
        if let source = host.env["AzureWebJobsStorage"].path, let from = host.container.envFrom.first(where: { $0.path == source }) {
            return "\(namespace)/\(from.kind.rawValue) \(from.name) key \(from.prefix)AzureWebJobsStorage"
        }
        // Identity-based storage (no connection string): the account name is not a secret and names the account itself.
        if host.env["AzureWebJobsStorage"].isUnset, let account = host.env["AzureWebJobsStorage__accountName"].literal {
            return "storage account \(account.lowercased())"
        }
        return nil
    }

    public func check(_ index: DoctorIndex) -> [Finding] {
        var groups: [String: [(host: FunctionsHost, id: FunctionsHostID, storage: String)]] = [:]
        for host in FunctionsHost.all(in: index) {
            guard let id = FunctionsHostID(host), let storage = Self.storageSource(host, index: index) else { continue }
            groups["\(storage)|\(id.value)", default: []].append((host, id, storage))
        }
        var findings: [Finding] = []
        for key in groups.keys.sorted() {
            let members = groups[key]!
            let first = members[0].host.workload.object
            guard Set(members.map { index.key(of: $0.host.workload.object) }).count > 1 else { continue }
            let stops = Self.hostStops(members.map(\.host), ids: members.map(\.id))
            let suggestions = members.map { UnstableHostID.suggestedID($0.host.workload.object.name) }
            for (offset, member) in members.enumerated() where index.key(of: member.host.workload.object) != index.key(of: first) {
                let object = member.host.workload.object
                let field = member.id.origin == .explicit ? member.host.env["AzureFunctionsWebHost__hostid"].path : member.host.env["WEBSITE_SITE_NAME"].path
                let consequence = stops
                    ? "the host checks its cut host id in the storage account (AZFD004) and the app that starts second stops"
                    : "the apps may take each other's timer and singleton locks, so a function may not run while the same-named function of the other app holds its lock"
                let suggestion = suggestions[offset]
                let unique = suggestion != member.id.value && suggestions.filter { $0 == suggestion }.count == 1
                findings.append(Self.description.finding(object, in: index, field: field,
                    message: "\(member.id.explanation) is also the host id of \(first.kind) \(index.namespace(of: first) ?? "")/\(first.name), which uses the same storage (\(member.storage)): \(consequence)",
                    fix: unique
                        ? "Set AzureFunctionsWebHost__hostid=\(suggestion) (unique per storage account) in container \(member.host.container.name)."
                        : "Set AzureFunctionsWebHost__hostid in container \(member.host.container.name) to an id of at most 32 characters that no other app on this storage account uses.",
                    evidence: members.map { member in
                        let hostName = stops ? member.host.env["WEBSITE_HOSTNAME"].literal.map { ", WEBSITE_HOSTNAME=\($0)" } ?? "" : ""
                        return "\(member.host.workload.object.kind) \(member.host.workload.object.name): \(member.id.explanation)\(hostName)"
                    },
                    severity: stops ? .error : .warning))
            }
        }
        return findings
    }

    /// Azure/azure-functions-host src/WebJobs.Script/Host/HostIdValidator.cs: only a derived id that was cut is
    /// checked; the first host writes ids/usage/<id> with its WEBSITE_HOSTNAME, a host with another name then logs
    /// AZFD004 and stops, unless FUNCTIONS_HOSTID_CHECK_LEVEL parses as LogLevel Warning (`Enum.TryParse`, case-sensitive).
    /// Without known, different host names the check cannot tell the apps apart, so the collision is silent.
    package static func hostStops(_ hosts: [FunctionsHost], ids: [FunctionsHostID]) -> Bool {
        var names: Set<String> = []
        for (host, id) in zip(hosts, ids) where id.isValidatedByHost {
            let level = host.env["FUNCTIONS_HOSTID_CHECK_LEVEL"]
            if level.isSet {
                guard let literal = level.literal, !["Warning", "3"].contains(literal.trimmingCharacters(in: .whitespaces)) else { return false }
            } else if !level.isUnset {
                return false
            }
            guard let name = host.env["WEBSITE_HOSTNAME"].literal else { return false }
            names.insert(name.lowercased())
        }
        return names.count > 1
    }
}
