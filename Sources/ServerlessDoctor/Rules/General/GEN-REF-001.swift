import ServerlessKubernetes
import ServerlessSupport

/// A pod cannot start when a Secret or ConfigMap its containers read is missing.
public struct MissingReferencedObject: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "GEN-REF-001", platform: .general, severity: .error,
        title: "Secret or ConfigMap referenced by a serverless workload missing",
        rationale: """
            A container whose env valueFrom.secretKeyRef/configMapKeyRef or envFrom names a Secret or ConfigMap that \
            does not exist (or lacks the key), and is not optional, never starts (CreateContainerConfigError). A \
            missing imagePullSecret lets private images fail to pull (warning). Checked on the workloads of the \
            platforms found only. On manifests an object not among the files is reported only when the files hold \
            other objects of that kind in the namespace (as a warning); a key missing from a Secret or ConfigMap that \
            is among them is an error.
            """,
        fix: "Create the Secret/ConfigMap (with the key) in the workload's namespace, fix the name, or mark the reference optional: true.",
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
                    - {name: FUNCTIONS_WORKER_RUNTIME, value: dotnet-isolated}
                    - name: AzureWebJobsStorage
                      valueFrom:
                        secretKeyRef: {name: orders-secrets, key: AzureWebJobsStorage}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: orders-secrets, namespace: functions}
            data:
              EventHubConnection: RVhBTVBMRQ==
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
                    - {name: FUNCTIONS_WORKER_RUNTIME, value: dotnet-isolated}
                    - name: AzureWebJobsStorage
                      valueFrom:
                        secretKeyRef: {name: orders-secrets, key: AzureWebJobsStorage}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: orders-secrets, namespace: functions}
            data:
              AzureWebJobsStorage: RVhBTVBMRQ==
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: unrelated, namespace: functions}
            spec:
              template:
                spec:
                  containers:
                  - name: web
                    image: nginx:1.27
                    envFrom:
                    - secretRef: {name: web-secrets}
            """])

    package struct Reference {
        package var kind: String
        package var name: String
        package var key: String?
        package var path: String
        package var severity: Severity
    }

    /// Every non-optional reference in a pod spec: env key refs, envFrom, imagePullSecrets.
    package static func references(of workload: Workload, skippingEnvFromOf skipped: Set<String>) -> [Reference] {
        var out: [Reference] = []
        let initContainers = workload.podSpec["initContainers"].array.enumerated().map {
            Container(value: $1, path: "\(workload.podSpecPath).initContainers[\($0)]")
        }
        for container in workload.containers + initContainers {
            for variable in container.env {
                for (field, kind) in [("secretKeyRef", "Secret"), ("configMapKeyRef", "ConfigMap")] {
                    let ref = variable.valueFrom[field]
                    guard !ref.isNull, ref["optional"].bool != true, let name = ref["name"].string else { continue }
                    out.append(Reference(kind: kind, name: name, key: ref["key"].string, path: "\(variable.path).valueFrom.\(field)", severity: .error))
                }
            }
            if skipped.contains(container.path) { continue }
            for source in container.envFrom where !source.optional {
                out.append(Reference(kind: source.kind.rawValue, name: source.name, key: nil, path: source.path, severity: .error))
            }
        }
        for (position, secret) in workload.podSpec["imagePullSecrets"].array.enumerated() {
            guard let name = secret["name"].string else { continue }
            out.append(Reference(kind: "Secret", name: name, key: nil, path: "\(workload.podSpecPath).imagePullSecrets[\(position)]", severity: .warning))
        }
        return out
    }

    public func check(_ index: DoctorIndex) -> [Finding] {
        // KD-ENV-001 already reports the envFrom of the container KEDA reads env from.
        var kedaEnvContainers: Set<String> = []
        for resource in ScaledResource.all(in: index) {
            if let (workload, container) = resource.envContainer(in: index) {
                kedaEnvContainers.insert("\(index.key(of: workload.object))|\(container.path)")
            }
        }
        var supplied: Set<String> = []
        for kind in ["Secret", "ConfigMap"] {
            for object in index.objects(kind) { supplied.insert("\(kind)|\(index.namespace(of: object) ?? "")") }
        }
        var findings: [Finding] = []
        for member in index.scope.members {
            let object = member.workload.object
            let namespace = index.namespace(of: object)
            let key = index.key(of: object)
            let skipped = Set(member.workload.containers.map(\.path).filter { kedaEnvContainers.contains("\(key)|\($0)") })
            for reference in Self.references(of: member.workload, skippingEnvFromOf: skipped) {
                var message: String
                var severity = reference.severity
                var missingKey = false
                switch index.lookup(reference.kind, namespace: namespace, name: reference.name) {
                case .found:
                    guard let wanted = reference.key,
                          let keys = index.dataKeys(kind: reference.kind, namespace: namespace, name: reference.name),
                          !keys.contains(wanted) else { continue }
                    message = "\(reference.kind) \(reference.name) has no key \(wanted): container config fails (CreateContainerConfigError) and the pod never starts"
                    missingKey = true
                case .missing:
                    message = "\(reference.kind) \(namespace ?? "")/\(reference.name) does not exist"
                case .notInInput where supplied.contains("\(reference.kind)|\(namespace ?? "")"):
                    message = "\(reference.kind) \(reference.name) is not among the manifests read for \(namespace ?? ""); if it is missing in the cluster"
                    severity = .warning
                default:
                    continue
                }
                if !missingKey {
                    message += reference.path.contains("imagePullSecrets")
                        ? ": private images of \(object.name) cannot be pulled"
                        : ": \(member.reason) \(object.kind) \(object.name) cannot start its containers (CreateContainerConfigError)"
                }
                findings.append(Self.description.finding(object, in: index, field: reference.path, message: message,
                    fix: "Create \(reference.kind) \(reference.name)\(reference.key.map { " with key \($0)" } ?? "") in \(namespace ?? "the namespace"), fix the name at \(reference.path), or mark it optional: true.",
                    evidence: ["\(reference.path): \(reference.kind) \(reference.name)\(reference.key.map { " key \($0)" } ?? "")"],
                    severity: reference.path.contains("imagePullSecrets") ? .warning : severity))
            }
        }
        return findings
    }
}
