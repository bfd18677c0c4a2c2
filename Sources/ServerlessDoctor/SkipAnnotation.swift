import Foundation
import ServerlessKubernetes

/// `metadata.annotations["kubectl-serverless/skip-checks"]: "ID[,ID...]"`: checks an object opts out of,
/// kept with the object itself (a Helm values file has no annotations: the config file's `objects` serve it).
public enum SkipAnnotation {
    public static let key = "kubectl-serverless/skip-checks"

    /// The ids an object skips, upper-cased; spaces around commas are allowed.
    public static func ids(of object: KubeObject) -> Set<String> {
        guard let text = object.annotations[key] else { return [] }
        return Set(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { !$0.isEmpty })
    }

    /// Whether the finding's object carries its id in the annotation.
    package static func skips(_ finding: Finding, in index: DoctorIndex) -> Bool {
        guard case let .object(_, kind, namespace, name) = finding.subject,
              let object = index.object(kind, namespace: namespace, name: name) else { return false }
        return ids(of: object).contains(finding.id)
    }
}
