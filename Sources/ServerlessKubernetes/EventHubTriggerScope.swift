import ServerlessSupport

/// Every azure-eventhub trigger of the ScaledObjects and ScaledJobs in one namespace or all, optionally
/// under a label selector: what `checkpoints -A`, `-n NS` and `-l` inspect, in a cluster or in `-f`
/// manifests. In a cluster, one list per kind (paged); when the user may not list a kind across the
/// cluster, the namespaces are listed and read one by one, and a namespace that refuses is that
/// namespace's failure, not the run's.
public struct EventHubTriggerScope: Sendable {
    /// One azure-eventhub trigger of one object.
    public struct Trigger: Sendable, Equatable {
        public var object: ScalableObjectRef
        public var index: Int
        public var name: String?
        /// `metadata.resourceVersion` of the object: a `--watch` round resolves the trigger again only when it changed.
        public var resourceVersion: String

        /// Identifies the row across `--watch` rounds.
        public var key: String { "\(object.kind.rawValue)/\(object.namespace)/\(object.name)/\(index)" }
    }

    /// A namespace (or the cluster) whose objects could not be listed.
    public struct Failure: Sendable {
        public var kind: ScalableKind
        public var namespace: String?
        public var error: UserFacingError
    }

    public var triggers: [Trigger] = []
    public var failures: [Failure] = []

    public init(triggers: [Trigger] = [], failures: [Failure] = []) {
        self.triggers = triggers
        self.failures = failures
    }

    public static func list(client: KubeAPIClient, namespace: String?, selector: String?) async throws -> EventHubTriggerScope {
        var scope = EventHubTriggerScope()
        for kind in [ScalableKind.scaledObject, .scaledJob] {
            let (objects, failures) = try await listKind(kind, client: client, namespace: namespace, selector: selector)
            scope.triggers += objects.flatMap { triggers(of: $0, kind: kind) }
            scope.failures += failures
        }
        scope.sort()
        return scope
    }

    /// The same over objects read all at once (`-f` manifests), placed where kubectl would create them:
    /// `namespace` nil is every namespace in them, `selector` is matched on the objects' labels as the API
    /// server matches it. Nothing here can be refused, so there are no failures.
    public static func list(in source: TriggerInputsSource, namespace: String?, selector: String?) throws -> EventHubTriggerScope {
        var scope = EventHubTriggerScope()
        for kind in [ScalableKind.scaledObject, .scaledJob] {
            for object in source.store.objects(kind: kind.kindRef.kind, group: kind.kindRef.group, namespace: namespace)
            where try selector.map({ try LabelSelector.matches($0, labels: object.labels) }) ?? true {
                scope.triggers += triggers(of: object, kind: kind)
            }
        }
        scope.sort()
        return scope
    }

    private mutating func sort() {
        triggers.sort { ($0.object.namespace, $0.object.name, $0.object.kind.rawValue, $0.index)
            < ($1.object.namespace, $1.object.name, $1.object.kind.rawValue, $1.index) }
    }

    /// The azure-eventhub triggers of one object, in `spec.triggers` order; objects without one give none.
    public static func triggers(of object: KubeObject, kind: ScalableKind) -> [Trigger] {
        let ref = ScalableObjectRef(kind: kind, namespace: object.namespace ?? "", name: object.name)
        let version = object.body["metadata"]["resourceVersion"].string ?? ""
        return object.body["spec"]["triggers"].array.enumerated().compactMap { index, trigger in
            guard trigger["type"].string == "azure-eventhub" else { return nil }
            return Trigger(object: ref, index: index, name: trigger["name"].string.nonEmpty, resourceVersion: version)
        }
    }

    private static func listKind(_ kind: ScalableKind, client: KubeAPIClient, namespace: String?, selector: String?) async throws
        -> ([KubeObject], [Failure]) {
        do {
            return (try await client.list(kind.kindRef, namespace: namespace, labelSelector: selector), [])
        } catch KubeAPIError.notFound {
            // KEDA's CRDs are not installed (or not this kind): nothing to inspect.
            return ([], [])
        } catch let error as KubeAPIError {
            guard case .forbidden = error else { throw error }
            guard namespace == nil else { return ([], [Failure(kind: kind, namespace: namespace, error: error)]) }
            // No ClusterRole: read each namespace the user may list.
            let refusal = error
            let namespaces: [KubeObject]
            do {
                namespaces = try await client.list(.namespace, namespace: nil)
            } catch {
                throw refusal
            }
            let results = await namespaces.map(\.name).concurrentMap { name -> ([KubeObject], [Failure]) in
                do {
                    return (try await client.list(kind.kindRef, namespace: name, labelSelector: selector), [])
                } catch let failure as UserFacingError {
                    return ([], [Failure(kind: kind, namespace: name, error: failure)])
                } catch {
                    return ([], [Failure(kind: kind, namespace: name, error: KubeAPIError.badResponse(path: name, reason: "\(error)"))])
                }
            }
            return (results.flatMap(\.0), results.flatMap(\.1))
        }
    }
}
