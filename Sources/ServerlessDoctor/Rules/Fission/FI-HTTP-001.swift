import ServerlessKubernetes

/// Two HTTPTriggers for the same route: the router picks one.
public struct DuplicateHTTPRoute: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "FI-HTTP-001", platform: .fission, severity: .warning,
        title: "Two HTTPTriggers for the same host, path and method",
        rationale: """
            The fission CLI refuses duplicate routes (CheckHTTPTriggerDuplicates), but kubectl apply does not: with two \
            HTTPTriggers on the same host, relativeurl (or prefix) and method, the router serves only one of them.
            """,
        fix: "Give each HTTPTrigger its own path, host or method, or delete the duplicate.",
        triggeringExamples: ["""
            apiVersion: fission.io/v1
            kind: HTTPTrigger
            metadata: {name: hello, namespace: team-a}
            spec:
              relativeurl: /hello
              methods: [GET]
              functionref: {type: name, name: hello}
            ---
            apiVersion: fission.io/v1
            kind: HTTPTrigger
            metadata: {name: hello-v2, namespace: team-a}
            spec:
              relativeurl: /hello
              methods: [GET, POST]
              functionref: {type: name, name: hello-v2}
            """],
        nonTriggeringExamples: ["""
            apiVersion: fission.io/v1
            kind: HTTPTrigger
            metadata: {name: hello, namespace: team-a}
            spec:
              relativeurl: /hello
              methods: [GET]
              functionref: {type: name, name: hello}
            ---
            apiVersion: fission.io/v1
            kind: HTTPTrigger
            metadata: {name: hello-v2, namespace: team-a}
            spec:
              relativeurl: /v2/hello
              methods: [GET]
              functionref: {type: name, name: hello-v2}
            """])

    public func check(_ index: DoctorIndex) -> [Finding] {
        var first: [String: KubeObject] = [:]
        var findings: [Finding] = []
        for trigger in index.objects("HTTPTrigger", group: "fission.io") {
            let spec = trigger.body["spec"]
            let path = spec["relativeurl"].string.flatMap { $0.isEmpty ? nil : $0 } ?? spec["prefix"].string ?? ""
            guard !path.isEmpty else { continue }
            var methods = spec["methods"].array.compactMap(\.string)
            if methods.isEmpty { methods = [spec["method"].string ?? "GET"] }
            for method in methods {
                let key = "\(spec["host"].string ?? "")|\(path)|\(method.uppercased())"
                guard let earlier = first[key] else { first[key] = trigger; continue }
                findings.append(Self.description.finding(trigger, in: index, field: "spec.relativeurl",
                    message: "HTTPTrigger \(trigger.name) serves \(method.uppercased()) \(path) like HTTPTrigger \(earlier.name)\(index.namespace(of: earlier) == index.namespace(of: trigger) ? "" : " in \(index.namespace(of: earlier) ?? "")"): the router serves only one of them",
                    evidence: ["spec.relativeurl: \(path)", "spec.methods: \(methods.joined(separator: ","))", "HTTPTrigger \(earlier.name): same route"]))
                break
            }
        }
        return findings
    }
}
