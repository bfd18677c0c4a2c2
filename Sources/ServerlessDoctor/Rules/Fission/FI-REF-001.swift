import ServerlessKubernetes
import ServerlessSupport

/// Functions, packages and triggers name other Fission objects; a dangling name fails only at run time.
public struct DanglingFissionReference: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "FI-REF-001", platform: .fission, severity: .error,
        title: "Fission reference to an object that does not exist",
        rationale: """
            Function -> Environment and Package, Function -> Secret and ConfigMap, and HTTPTrigger, TimeTrigger and \
            MessageQueueTrigger functionref (every function-weights key too) must name objects in the same namespace. \
            A typo is accepted by `kubectl apply` and fails only when the route or timer fires. On manifests, an object \
            not among the files is a warning.
            """,
        fix: "Correct the name, or create the missing object in the same namespace.",
        triggeringExamples: ["""
            apiVersion: fission.io/v1
            kind: Function
            metadata: {name: report, namespace: team-a}
            spec:
              environment: {name: python, namespace: team-a}
              package: {functionName: main.handler, packageref: {name: report-pkg}}
            ---
            apiVersion: fission.io/v1
            kind: HTTPTrigger
            metadata: {name: report, namespace: team-a}
            spec:
              relativeurl: /report
              functionref: {type: name, name: reports}
            """],
        nonTriggeringExamples: ["""
            apiVersion: fission.io/v1
            kind: Environment
            metadata: {name: python, namespace: team-a}
            spec: {version: 3, runtime: {image: ghcr.io/fission/python-env}}
            ---
            apiVersion: fission.io/v1
            kind: Package
            metadata: {name: report-pkg, namespace: team-a}
            spec:
              environment: {name: python, namespace: team-a}
              deployment: {type: url, url: "https://example.com/report.zip"}
            ---
            apiVersion: fission.io/v1
            kind: Function
            metadata: {name: report, namespace: team-a}
            spec:
              environment: {name: python, namespace: team-a}
              package: {functionName: main.handler, packageref: {name: report-pkg}}
            ---
            apiVersion: fission.io/v1
            kind: HTTPTrigger
            metadata: {name: report, namespace: team-a}
            spec:
              relativeurl: /report
              functionref: {type: name, name: report}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        var findings: [Finding] = []
        func report(_ object: KubeObject, _ path: String, kind: String, name: String, namespace: String?) {
            let lookup = index.lookup(kind, namespace: namespace, name: name)
            if case .found = lookup { return }
            let siblings = index.objects(kind).filter { index.namespace(of: $0) == namespace }.map(\.name)
            let close = siblings.first { $0.lowercased().hasPrefix(name.lowercased().prefix(max(3, name.count - 2))) || name.hasPrefix($0) }
            let hint = close.map { " (did you mean \($0)?)" } ?? ""
            switch lookup {
            case .missing:
                findings.append(Self.description.finding(
                    object, in: index, field: path,
                    message: "\(path) names \(kind) \(name), which does not exist in \(namespace ?? "")\(hint)",
                    fix: "Set \(path) to an existing \(kind)\(close.map { " (\($0))" } ?? ""), or create \(kind) \(name) in \(namespace ?? "").",
                    evidence: ["\(path): \(name)"]))
            case .notInInput:
                findings.append(Self.description.finding(
                    object, in: index, field: path,
                    message: "\(path) names \(kind) \(name), which is not among the manifests read for \(namespace ?? "")\(hint)",
                    fix: "Set \(path) to an existing \(kind)\(close.map { " (\($0))" } ?? ""), or make sure \(kind) \(name) exists in \(namespace ?? "").",
                    evidence: ["\(path): \(name)"], severity: close == nil ? .warning : .error))
            default: break
            }
        }
        for function in index.objects("Function", group: "fission.io") {
            let own = index.namespace(of: function)
            let spec = function.body["spec"]
            if let name = spec["environment"]["name"].string {
                let namespace = spec["environment"]["namespace"].string.flatMap { $0.isEmpty ? nil : $0 } ?? own
                report(function, "spec.environment.name", kind: "Environment", name: name, namespace: namespace)
            }
            if let name = spec["package"]["packageref"]["name"].string {
                let namespace = spec["package"]["packageref"]["namespace"].string.flatMap { $0.isEmpty ? nil : $0 } ?? own
                report(function, "spec.package.packageref.name", kind: "Package", name: name, namespace: namespace)
            }
            for (position, secret) in spec["secrets"].array.enumerated() {
                if let name = secret["name"].string { report(function, "spec.secrets[\(position)].name", kind: "Secret", name: name, namespace: own) }
            }
            for (position, map) in spec["configmaps"].array.enumerated() {
                if let name = map["name"].string { report(function, "spec.configmaps[\(position)].name", kind: "ConfigMap", name: name, namespace: own) }
            }
        }
        for kind in ["HTTPTrigger", "TimeTrigger", "MessageQueueTrigger", "KubernetesWatchTrigger"] {
            for trigger in index.objects(kind, group: "fission.io") {
                let ref = trigger.body["spec"]["functionref"]
                let namespace = index.namespace(of: trigger)
                if ref["type"].string == "function-weights" {
                    for (name, _) in ref["functionweights"].members {
                        report(trigger, "spec.functionref.functionweights.\(name)", kind: "Function", name: name, namespace: namespace)
                    }
                } else if let name = ref["name"].string {
                    report(trigger, "spec.functionref.name", kind: "Function", name: name, namespace: namespace)
                }
            }
        }
        return findings
    }
}
