import ServerlessSupport

/// The Kubernetes secrets repository needs a secret name or mounted key files.
public struct KubernetesKeysWithoutSecret: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "AF-KEYS-001", platform: .azureFunctions, severity: .error,
        title: "Kubernetes key storage without a secret name or mounted keys",
        rationale: """
            With AzureWebJobsSecretStorageType=kubernetes the host reads function keys from the Secret or ConfigMap \
            named by AzureWebJobsKubernetesSecretName, or from files under /run/secrets/functions-keys. With neither it \
            throws "KubernetesSecretsRepository requires setting AzureWebJobsKubernetesSecretName or mounting secrets \
            to /run/secrets/functions-keys" and HTTP functions get no keys.
            """,
        fix: "Set AzureWebJobsKubernetesSecretName=secrets/<keys secret>, or mount the keys Secret at /run/secrets/functions-keys.",
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
                    - {name: AzureWebJobsKubernetesSecretName, value: secrets/func-keys-kube-secret-orders}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        FunctionsHost.all(in: index).compactMap { host in
            let type = host.env["AzureWebJobsSecretStorageType"]
            guard type.literal?.lowercased() == "kubernetes", host.env["AzureWebJobsKubernetesSecretName"].isUnset else { return nil }
            let mounted = host.container.value["volumeMounts"].array.contains {
                ($0["mountPath"].string ?? "").hasPrefix("/run/secrets/functions-keys")
            }
            guard !mounted else { return nil }
            return Self.description.finding(
                host.workload.object, in: index, field: type.path,
                message: "container \(host.container.name) keeps function keys in Kubernetes but names no secret and mounts none: the host throws \"KubernetesSecretsRepository requires setting AzureWebJobsKubernetesSecretName or mounting secrets to /run/secrets/functions-keys\"",
                fix: "Set AzureWebJobsKubernetesSecretName=secrets/func-keys-kube-secret-\(host.workload.object.name) in container \(host.container.name), or mount the keys Secret at /run/secrets/functions-keys.",
                evidence: [type.evidence, "\(host.container.path).env: AzureWebJobsKubernetesSecretName not set"].compactMap { $0 })
        }
    }
}
