/// Only one adapter can serve the external metrics API; KEDA's HPAs need it to be KEDA's.
public struct ExternalMetricsNotKeda: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "KD-OP-005", platform: .keda, severity: .error,
        title: "External metrics API not served by KEDA",
        rationale: """
            The HPAs KEDA creates read external metrics through APIService v1beta1.external.metrics.k8s.io, which only \
            one adapter can own. When it points at another service (Datadog, prometheus-adapter...) or is not \
            Available, the HPAs get no metrics and nothing scales past activation. KEDA's own Service is \
            keda-operator-metrics-apiserver from the Helm chart (<operator.name>-metrics-apiserver), \
            keda-metrics-apiserver from KEDA's release manifests and func kubernetes install, or the operator's own \
            Service in KEDA v1.
            """,
        fix: "Point APIService v1beta1.external.metrics.k8s.io at keda-operator-metrics-apiserver (reinstall KEDA), and move the other adapter's metrics to KEDA scalers (e.g. datadog, prometheus).",
        references: ["kedacore/keda#470", "kedacore/keda#2093", "kedacore/charts#124"],
        triggeringExamples: ["""
            apiVersion: apiregistration.k8s.io/v1
            kind: APIService
            metadata: {name: v1beta1.external.metrics.k8s.io}
            spec:
              group: external.metrics.k8s.io
              version: v1beta1
              service: {name: datadog-cluster-agent-metrics-api, namespace: datadog, port: 8443}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: functions}
            spec:
              scaleTargetRef: {name: orders}
              triggers:
              - type: cpu
                metadata: {type: Utilization, value: "60"}
            """],
        nonTriggeringExamples: ["""
            apiVersion: apiregistration.k8s.io/v1
            kind: APIService
            metadata: {name: v1beta1.external.metrics.k8s.io}
            spec:
              group: external.metrics.k8s.io
              version: v1beta1
              service: {name: keda-operator-metrics-apiserver, namespace: keda, port: 443}
            status:
              conditions:
              - {type: Available, status: "True"}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: functions}
            spec:
              scaleTargetRef: {name: orders}
              triggers:
              - type: cpu
                metadata: {type: Utilization, value: "60"}
            """, """
            apiVersion: apiregistration.k8s.io/v1
            kind: APIService
            metadata: {name: v1beta1.external.metrics.k8s.io}
            spec:
              group: external.metrics.k8s.io
              version: v1beta1
              service: {name: keda-metrics-apiserver, namespace: keda}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders, namespace: functions}
            spec:
              scaleTargetRef: {name: orders}
              triggers:
              - type: cpu
                metadata: {type: Utilization, value: "60"}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        guard !ScaledResource.all(in: index).isEmpty,
              let api = index.object("APIService", namespace: nil, name: "v1beta1.external.metrics.k8s.io") else { return [] }
        var findings: [Finding] = []
        let service = api.body["spec"]["service"]
        if let name = service["name"].string,
           !Self.isKedas(service: name, namespace: service["namespace"].string, operators: KedaOperator.all(in: index), in: index) {
            findings.append(Self.description.finding(api, in: index, field: "spec.service.name",
                message: "the external metrics API is served by \(service["namespace"].string ?? "")/\(name), not KEDA: the HPAs KEDA creates get no metrics",
                evidence: ["spec.service: \(service["namespace"].string ?? "")/\(name)"]))
        }
        if let available = api.body["status"]["conditions"].array.first(where: { $0["type"].string == "Available" }),
           available["status"].string != "True" {
            findings.append(Self.description.finding(api, in: index, field: "status.conditions",
                message: "APIService v1beta1.external.metrics.k8s.io is not Available (\(available["reason"].string ?? "") \(available["message"].string ?? "")): the HPAs get no external metrics",
                fix: "Check the keda-operator-metrics-apiserver pods and Service, and the network path from the API server to them.",
                evidence: ["status.conditions Available: \(available["status"].string ?? "")"]))
        }
        return findings
    }

    /// kedacore/charts keda/templates/metrics-server/apiservice.yaml names `<operator.name>-metrics-apiserver`
    /// (keda-operator-metrics-apiserver by default); kedacore/keda config/metrics-server/api_service.yaml, which the
    /// release manifests and func kubernetes install apply, names keda-metrics-apiserver; KEDA v1 served the API from
    /// the operator itself, through a Service named like its Deployment.
    package static let kedaServiceNames: Set<String> = ["keda-operator-metrics-apiserver", "keda-metrics-apiserver"]

    package static func isKedas(service name: String, namespace: String?, operators: [KedaOperator], in index: DoctorIndex) -> Bool {
        if kedaServiceNames.contains(name) { return true }
        return operators.contains { keda in
            let operatorName = keda.workload.object.name
            return (namespace == nil || index.namespace(of: keda.workload.object) == namespace)
                && (name == "\(operatorName)-metrics-apiserver" || name == operatorName)
        }
    }
}
