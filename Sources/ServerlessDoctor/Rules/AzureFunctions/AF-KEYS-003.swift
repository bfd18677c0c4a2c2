import Foundation
import ServerlessSupport

/// The Kubernetes secrets repository matches key names by prefix; others are never used.
public struct UnusableFunctionKeyNames: Rule {
    public init() {}

    package static let pattern = #"^(host\.master|host\.function\.[^.]+|host\.systemKey\.[^.]+|functions\.[^.]+\.[^.]+)$"#

    public static let description = RuleDescription(
        id: "AF-KEYS-003", platform: .azureFunctions, severity: .warning,
        title: "Function key names the host never reads",
        rationale: """
            The host reads host.master, host.function.<key>, host.systemKey.<key> and functions.<function>.<key> from the \
            keys Secret. Any other name (function.HttpTrigger.default, say) is ignored, and calls with that key get 401.
            """,
        fix: "Rename the keys to host.master, host.function.<name>, host.systemKey.<name> or functions.<function>.<name>.",
        references: ["Azure/azure-functions-host#9049", "Azure/azure-functions-host#10740"],
        triggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: orders-http, namespace: functions}
            spec:
              template:
                spec:
                  containers:
                  - name: orders-http
                    image: example.azurecr.io/orders:1.0
                    env:
                    - {name: AzureWebJobsSecretStorageType, value: kubernetes}
                    - {name: AzureWebJobsKubernetesSecretName, value: secrets/orders-keys}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: orders-keys, namespace: functions}
            data:
              host.master: RVhBTVBMRQ==
              function.HttpTrigger.default: RVhBTVBMRQ==
            """],
        nonTriggeringExamples: ["""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: orders-http, namespace: functions}
            spec:
              template:
                spec:
                  containers:
                  - name: orders-http
                    image: example.azurecr.io/orders:1.0
                    env:
                    - {name: AzureWebJobsSecretStorageType, value: kubernetes}
                    - {name: AzureWebJobsKubernetesSecretName, value: secrets/orders-keys}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: orders-keys, namespace: functions}
            data:
              host.master: RVhBTVBMRQ==
              functions.httptrigger.default: RVhBTVBMRQ==
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        var findings: [Finding] = []
        var seen: Set<ObjectName> = []
        for host in FunctionsHost.all(in: index) {
            guard let reference = host.env["AzureWebJobsKubernetesSecretName"].literal else { continue }
            let parts = reference.split(separator: "/", maxSplits: 1).map(String.init)
            let (kind, name) = parts.count == 2 ? (parts[0].lowercased() == "configmaps" ? "ConfigMap" : "Secret", parts[1]) : ("Secret", parts[0])
            let namespace = index.namespace(of: host.workload.object)
            guard let object = index.object(kind, namespace: namespace, name: name), seen.insert(index.key(of: object)).inserted,
                  let keys = index.dataKeys(kind: kind, namespace: namespace, name: name) else { continue }
            let bad = keys.filter { $0.range(of: Self.pattern, options: .regularExpression) == nil }.sorted()
            guard !bad.isEmpty else { continue }
            let field = kind == "Secret" && object.body["data"].members.contains { $0.key == bad[0] } ? "data.\(bad[0])" : "data"
            findings.append(Self.description.finding(
                object, in: index, field: field,
                message: "keys \(bad.joined(separator: ", ")) in \(kind) \(name) match none of host.master, host.function.*, host.systemKey.*, functions.<function>.*: the host never reads them",
                fix: "Rename them, e.g. \(bad[0]) -> \(Self.suggestion(bad[0])).",
                evidence: bad.map { "\(kind) \(name) key: \($0)" }))
        }
        return findings
    }

    package static func suggestion(_ key: String) -> String {
        let parts = key.split(separator: ".")
        if parts.count == 3 && parts[0] == "function" { return "functions.\(parts[1].lowercased()).\(parts[2])" }
        return "functions.<function>.<name>"
    }
}
