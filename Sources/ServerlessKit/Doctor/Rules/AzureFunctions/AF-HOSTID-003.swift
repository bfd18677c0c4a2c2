/// Host ids key the timer and singleton locks in the shared storage account.
public struct HostIDCollision: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "AF-HOSTID-003", platform: .azureFunctions, severity: .warning,
        title: "Two Functions apps with the same host id",
        rationale: """
            Timer schedules and singleton locks live under azure-webjobs-hosts/<host id>/ in the storage account. Two \
            different apps with the same explicit AzureFunctionsWebHost__hostid (or ids equal in their first 32 \
            characters) sharing a storage account take each other's locks: only one of them runs its timers.
            """,
        fix: "Give each app its own AzureFunctionsWebHost__hostid (at most 32 characters, unique per storage account).",
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
            """])

    /// Where the app's storage connection comes from, when the input says: a Secret key or an envFrom source.
    static func storageSource(_ host: FunctionsHost, index: DoctorIndex) -> String? {
        let namespace = index.namespace(of: host.workload.object) ?? ""
        if let variable = host.container.env.last(where: { $0.name == "AzureWebJobsStorage" }) {
            let ref = variable.valueFrom["secretKeyRef"]
            if let name = ref["name"].string { return "\(namespace)/Secret \(name) key \(ref["key"].string ?? "")" }
            return nil  // a literal: comparing would mean reading the credential
        }
        if let source = host.env["AzureWebJobsStorage"].path, let from = host.container.envFrom.first(where: { $0.path == source }) {
            return "\(namespace)/\(from.kind.rawValue) \(from.name) key \(from.prefix)AzureWebJobsStorage"
        }
        return nil
    }

    public func check(_ index: DoctorIndex) -> [Finding] {
        var groups: [String: [(FunctionsHost, String)]] = [:]
        for host in FunctionsHost.all(in: index) {
            guard let id = host.env["AzureFunctionsWebHost__hostid"].literal, let storage = Self.storageSource(host, index: index) else { continue }
            groups["\(storage)|\(id.lowercased().prefix(32))", default: []].append((host, id))
        }
        var findings: [Finding] = []
        for key in groups.keys.sorted() {
            let members = groups[key]!
            let apps = Set(members.map { "\($0.0.workload.object.kind)/\($0.0.workload.object.name)" })
            guard apps.count > 1 else { continue }
            for (host, id) in members.dropFirst() {
                let other = members[0].0.workload.object
                findings.append(Self.description.finding(host.workload.object, in: index, field: host.env["AzureFunctionsWebHost__hostid"].path,
                    message: "host id \(id) is also used by \(other.kind) \(other.name) with the same storage (\(key.split(separator: "|")[0])): the apps take each other's timer and singleton locks",
                    fix: "Set AzureFunctionsWebHost__hostid=\(UnstableHostID.suggestedID(host.workload.object.name)) (unique per storage account) in container \(host.container.name).",
                    evidence: members.map { "\($0.0.workload.object.name): AzureFunctionsWebHost__hostid=\($0.1)" }))
            }
        }
        return findings
    }
}
