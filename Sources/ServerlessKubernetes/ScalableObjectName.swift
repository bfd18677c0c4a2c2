import ServerlessSupport

/// The object a `checkpoints` positional names, the way `kubectl get` takes a TYPE/NAME: a bare NAME is a
/// ScaledObject; `so/`, `scaledobject/`, `scaledobjects/`, `scaledobject.keda.sh/` name one too, and `sj/`,
/// `scaledjob/`, `scaledjobs/`, `scaledjob.keda.sh/` a ScaledJob (KEDA's CRDs declare `so` and `sj` as short names).
public enum ScalableObjectName {
    public struct Invalid: UserFacingError, Equatable {
        public let message: String
        public var category: FailureCategory { .input }
    }

    public static func parse(_ text: String) throws -> (kind: ScalableKind, name: String) {
        guard let slash = text.firstIndex(of: "/") else {
            guard !text.isEmpty else { throw Invalid(message: "the object name must not be empty") }
            return (.scaledObject, text)
        }
        let type = text[..<slash].lowercased()
        let name = String(text[text.index(after: slash)...])
        let kind: ScalableKind
        switch type.hasSuffix(".keda.sh") ? String(type.dropLast(".keda.sh".count)) : type {
        case "so", "scaledobject", "scaledobjects", "scaledobject.v1alpha1", "scaledobjects.v1alpha1": kind = .scaledObject
        case "sj", "scaledjob", "scaledjobs", "scaledjob.v1alpha1", "scaledjobs.v1alpha1": kind = .scaledJob
        default:
            throw Invalid(message: "\"\(text)\": checkpoints reads ScaledObjects and ScaledJobs only (so/NAME, sj/NAME)")
        }
        guard !name.isEmpty, !name.contains("/") else {
            throw Invalid(message: "\"\(text)\": want TYPE/NAME with one name, such as so/orders")
        }
        return (kind, name)
    }
}
