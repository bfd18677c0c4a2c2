import Foundation
import ServerlessKubernetes
import ServerlessSupport

/// `UseDevelopmentStorage=true` (local.settings.json's Azurite shortcut) deployed to a cluster.
public struct DevelopmentStorageInCluster: Rule {
    public init() {}

    /// The triggering example: the Azurite shortcut in the app's Secret, no Azurite in the pod.
    package static let example = """
        apiVersion: v1
        kind: Secret
        metadata: {name: orders, namespace: functions}
        stringData:
          AzureWebJobsStorage: UseDevelopmentStorage=true
          FUNCTIONS_WORKER_RUNTIME: node
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: orders, namespace: functions}
        spec:
          template:
            spec:
              containers:
              - name: orders
                image: registry.example.com/orders:1.0
                envFrom:
                - secretRef: {name: orders}
        """

    public static let description = RuleDescription(
        id: "AF-STORAGE-002", platform: .azureFunctions, severity: .error,
        title: "AzureWebJobsStorage is UseDevelopmentStorage=true in the cluster",
        rationale: """
            UseDevelopmentStorage=true is the Azure SDKs' shortcut for the Azurite emulator's account \
            devstoreaccount1 at http://127.0.0.1:10000 (queues :10001, tables :10002): in a pod that is the pod itself. \
            Copied from local.settings.json into a Secret (func kubernetes deploy does exactly that), the host cannot \
            take its blob leases, timers or keys and fails to start non-HTTP triggers, unless an Azurite container \
            runs in the same pod.
            """,
        fix: "Put a real storage account's connection string (or AzureWebJobsStorage__accountName with an identity) into the Secret.",
        triggeringExamples: [Self.example],
        // Azurite as a sidecar: 127.0.0.1 is shared within the pod.
        nonTriggeringExamples: [Self.example + "\n      - name: azurite\n        image: mcr.microsoft.com/azure-storage/azurite:3.33.0"])

    public func check(_ index: DoctorIndex) -> [Finding] {
        FunctionsHost.all(in: index).compactMap { host in
            guard !host.workload.containers.contains(where: { $0.image.contains("azurite") }),
                  let (value, field, source) = Self.storageSetting(of: host, in: index),
                  Self.isDevelopmentStorage(value) else { return nil }
            return Self.description.finding(host.workload.object, in: index, field: field,
                message: "AzureWebJobsStorage of container \(host.container.name) (\(source)) is UseDevelopmentStorage=true: the host looks for Azurite at 127.0.0.1:10000 inside its own pod, where nothing listens",
                evidence: ["\(field): AzureWebJobsStorage from \(source) is UseDevelopmentStorage=true"])
        }
    }

    /// The value AzureWebJobsStorage gets, from a literal, a secretKeyRef or an envFrom Secret in the input.
    package static func storageSetting(of host: FunctionsHost, in index: DoctorIndex) -> (String, String, String)? {
        let namespace = index.namespace(of: host.workload.object)
        // One key of one Secret: `stringData` as written (it wins, as on the API server), else `data` decoded.
        func secret(_ name: String) -> KeyedSecret? {
            guard let object = index.object("Secret", namespace: namespace, name: name) else { return nil }
            return KeyedSecret(object: object)
        }
        if let variable = host.container.env.last(where: { $0.name == "AzureWebJobsStorage" }) {
            if let literal = variable.literal { return (literal, variable.path, "a literal value") }
            let ref = variable.valueFrom["secretKeyRef"]
            guard let name = ref["name"].string, let key = ref["key"].string, let value = secret(name)?[key] else { return nil }
            return (value, variable.path, "Secret \(name) key \(key)")
        }
        for source in host.container.envFrom.reversed() where source.kind == .secret && source.prefix.isEmpty {
            if let value = secret(source.name)?["AzureWebJobsStorage"] {
                return (value, source.path, "Secret \(source.name)")
            }
        }
        return nil
    }

    /// Reads only the keys asked for, so a run over thousands of Secrets decodes one value each.
    package struct KeyedSecret {
        package let object: KubeObject
        package subscript(key: String) -> String? {
            if let text = object.body["stringData"][key].string { return text }
            guard let encoded = object.body["data"][key].string,
                  let bytes = Data(base64Encoded: encoded.filter { !$0.isWhitespace }) else { return nil }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// `UseDevelopmentStorage=true` among the `;`-separated settings, keys and value in any case.
    package static func isDevelopmentStorage(_ text: String) -> Bool {
        text.split(separator: ";").contains { part in
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            return pair.count == 2 && pair[0] == "usedevelopmentstorage" && pair[1] == "true"
        }
    }
}
