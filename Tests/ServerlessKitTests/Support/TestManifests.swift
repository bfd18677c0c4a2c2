import Foundation

/// The Kubernetes objects test fixtures write again and again, as users write them (block style, two-space
/// indents), so the shape is in one place and a test says only what is its own: names, images, env, triggers.
/// List items (containers, env entries, triggers, conditions) are given as written at the left margin;
/// the builder indents them. Each builder gives one document, no `---`.
enum TestManifests {
    /// `metadata: {name: NAME, namespace: NS, labels: {...}}`; no namespace for objects meant for `kubectl apply -n`.
    static func metadata(_ name: String, namespace: String?, labels: [String: String] = [:]) -> String {
        var fields = ["name: \(name)"]
        if let namespace { fields.append("namespace: \(namespace)") }
        if !labels.isEmpty {
            fields.append("labels: {" + labels.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}")
        }
        return "metadata: {" + fields.joined(separator: ", ") + "}"
    }

    /// A Deployment with one container (`container`: its list item); `spec` lines stand before the pod template.
    static func deployment(_ name: String, namespace: String?, labels: [String: String] = [:], spec: [String] = [],
                           container: String) -> String {
        workload(name, apiVersion: "apps/v1", kind: "Deployment", namespace: namespace, labels: labels, spec: spec, container: container)
    }

    /// Any kind with a pod template at `spec.template` (a Deployment, an Argo `Rollout`), one container.
    static func workload(_ name: String, apiVersion: String, kind: String, namespace: String?, labels: [String: String] = [:],
                         spec: [String] = [], container: String) -> String {
        (["apiVersion: \(apiVersion)", "kind: \(kind)", metadata(name, namespace: namespace, labels: labels), "spec:"]
            + indented(spec, by: 2) + ["  template:", "    spec:", "      containers:"] + indented([container], by: 6))
            .joined(separator: "\n")
    }

    /// A CronJob with one container: its pod template is at `spec.jobTemplate.spec.template`, not `spec.template`.
    static func cronJob(_ name: String, namespace: String?, container: String) -> String {
        (["apiVersion: batch/v1", "kind: CronJob", metadata(name, namespace: namespace), "spec:", "  schedule: \"*/5 * * * *\"",
          "  jobTemplate:", "    spec:", "      template:", "        spec:", "          restartPolicy: Never", "          containers:"]
            + indented([container], by: 10)).joined(separator: "\n")
    }

    /// A container's list item: name, image and its `env:` entries (each a list item as written).
    static func container(_ name: String, image: String, env: [String] = []) -> String {
        (["- name: \(name)", "  image: \(image)"] + (env.isEmpty ? [] : ["  env:"] + indented(env, by: 2))).joined(separator: "\n")
    }

    /// An env entry whose value is a Secret's key, the way Functions apps take their connection strings.
    static func env(_ name: String, secret: String, key: String) -> String {
        "- name: \(name)\n  valueFrom: {secretKeyRef: {name: \(secret), key: \(key)}}"
    }

    /// A KEDA v1 ScaledObject (`keda.k8s.io`, `scaleTargetRef.deploymentName`), as `func kubernetes deploy` once wrote them.
    static func kedaV1ScaledObject(_ name: String, namespace: String, triggers: [String]) -> String {
        (["apiVersion: keda.k8s.io/v1alpha1", "kind: ScaledObject", metadata(name, namespace: namespace), "spec:",
          "  scaleTargetRef: {deploymentName: \(name)}", "  triggers:"] + indented(triggers, by: 2)).joined(separator: "\n")
    }

    /// A Secret holding `data`, base64-encoded as the API server keeps it, keys in order.
    static func secret(_ name: String, namespace: String?, data: [String: String]) -> String {
        (["apiVersion: v1", "kind: Secret", metadata(name, namespace: namespace), "data:"]
            + data.sorted { $0.key < $1.key }.map { "  \($0.key): \(Data($0.value.utf8).base64EncodedString())" })
            .joined(separator: "\n")
    }

    /// A ScaledObject scaling the Deployment `target` (its own name unless told); `spec` lines stand between
    /// `scaleTargetRef` and `triggers`, `status` lines (the live object's) after the spec.
    /// `targetRef` adds fields to `scaleTargetRef` (`apiVersion: argoproj.io/v1alpha1, kind: Rollout`).
    static func scaledObject(_ name: String, namespace: String?, labels: [String: String] = [:], target: String? = nil,
                             targetRef: String? = nil, spec: [String] = [], triggers: [String], status: [String] = []) -> String {
        (["apiVersion: keda.sh/v1alpha1", "kind: ScaledObject", metadata(name, namespace: namespace, labels: labels), "spec:",
          "  scaleTargetRef: {\(targetRef.map { $0 + ", " } ?? "")name: \(target ?? name)}"] + indented(spec, by: 2) + ["  triggers:"] + indented(triggers, by: 2)
            + (status.isEmpty ? [] : ["status:"] + indented(status, by: 2)))
            .joined(separator: "\n")
    }

    /// A TriggerAuthentication that takes its identity from the pod (`azure-workload`, or the removed `azure`).
    static func podIdentityAuthentication(_ name: String, namespace: String, provider: String) -> String {
        ["apiVersion: keda.sh/v1alpha1", "kind: TriggerAuthentication", metadata(name, namespace: namespace), "spec:",
         "  podIdentity: {provider: \(provider)}"].joined(separator: "\n")
    }

    /// A cpu trigger, the plainest a ScaledObject can have.
    static let cpuTrigger = "- {type: cpu, metadata: {type: Utilization, value: \"60\"}}"

    /// The KEDA operator's Deployment as its chart installs it: the image tag says which KEDA runs.
    static func kedaOperator(name: String = "keda-operator", namespace: String = "keda", labels: [String: String] = [:],
                             image: String) -> String {
        deployment(name, namespace: namespace, labels: labels, container: "- {name: \(name), image: \"\(image)\"}")
    }

    /// Every line of every item indented by `width` spaces (an item may span lines).
    static func indented(_ items: [String], by width: Int) -> [String] {
        let pad = String(repeating: " ", count: width)
        return items.flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false).map { pad + $0 } }
    }
}
