import ServerlessKEDA
import ServerlessSupport

/// Where the KEDA version a command models came from (the JSON's `kedaVersionSource`).
public enum KEDAVersionSource: String, Sendable, Equatable {
    case flag, cluster, manifests
    case `default`
}

/// Which KEDA a command models, and why, in words for the table's footer.
public struct KEDAVersionChoice: Sendable, Equatable, CustomStringConvertible {
    public var version: KEDAVersion
    public var source: KEDAVersionSource
    /// `--keda-version 2.15.1`, `Deployment keda/keda-operator runs ghcr.io/kedacore/keda:2.15.1`, ...
    public var reason: String

    public init(version: KEDAVersion, source: KEDAVersionSource, reason: String) {
        self.version = version
        self.source = source
        self.reason = reason
    }

    /// `KEDA 2.15.1 (Deployment keda/keda-operator runs ghcr.io/kedacore/keda:2.15.1)`.
    public var description: String { "KEDA \(version.displayName) (\(reason))" }
}

/// A KEDA operator seen among objects (its Deployment) or the KEDA chart's values (`image.keda.tag`).
public struct KEDAOperatorSighting: Sendable {
    /// The operator Deployment, or nil when the sighting is a values file.
    public var deployment: Workload?
    /// The operator container of `deployment`.
    public var container: Container?
    public var values: HelmValuesDocument?
    /// The version as written (`2.15.1`, `v2.15.1`, `main`); nil when nothing says (untagged image,
    /// the chart's default tag, which is its appVersion).
    public var versionText: String?

    /// The KEDA behaviour the version text names; nil for `latest` and other tags that name no release.
    public var version: KEDAVersion? {
        guard let text = versionText else { return nil }
        // `2.15.1-amd64` style suffixes do not change the release.
        return KEDAVersion(String(text.split(separator: "-", maxSplits: 1).first ?? ""))
    }

    /// `Deployment keda/keda-operator runs ghcr.io/kedacore/keda:2.15.1`, `KEDA chart values values.yaml set image.keda.tag 2.15.1`.
    public func description(placement: NamespacePlacement? = nil) -> String {
        if let deployment, let container {
            let object = deployment.object
            let namespace = placement?.namespace(of: object) ?? object.namespace
            let name = (namespace.map { "\($0)/" } ?? "") + object.name
            return "Deployment \(name) runs \(container.image.isEmpty ? "no image" : container.image)"
        }
        let file = values?.file ?? "values"
        return versionText.map { "KEDA chart values \(file) set image.keda.tag \($0)" } ?? "KEDA chart values \(file) leave image.keda.tag to the chart"
    }
}

/// The one KEDA-version detector the `checkpoints` command and the doctor (KD-VER-001, the trigger
/// parse) share: the KEDA operator Deployment's image tag in any namespace, else its
/// `app.kubernetes.io/version` label, or the KEDA chart values' `image.keda.tag`.
public enum KEDAVersionDetector {
    /// Whether a container of a Deployment is the KEDA operator: KEDA's image or the chart's container
    /// name; the metrics API server ships from the same repository but is not the operator.
    public static func isOperator(_ container: Container, of deployment: KubeObject) -> Bool {
        guard deployment.kind == "Deployment", deployment.name != "keda-operator-metrics-apiserver" else { return false }
        let image = container.image
        return image.contains("kedacore/keda:") || image.hasSuffix("kedacore/keda") || container.name == "keda-operator"
    }

    /// The operator's version as written: the image tag, else the `app.kubernetes.io/version` label.
    public static func versionText(of container: Container, in deployment: KubeObject) -> String? {
        container.imageTag ?? deployment.labels["app.kubernetes.io/version"]
    }

    /// Every KEDA operator among these objects and values documents, Deployments first.
    public static func sightings(objects: [KubeObject], helmValues: [HelmValuesDocument]) -> [KEDAOperatorSighting] {
        var found: [KEDAOperatorSighting] = objects.compactMap { object in
            guard let workload = Workload(object),
                  let container = workload.containers.first(where: { isOperator($0, of: object) }) else { return nil }
            return KEDAOperatorSighting(deployment: workload, container: container, values: nil,
                                        versionText: versionText(of: container, in: object))
        }
        for values in helmValues where values.chart == HelmChart.keda.rawValue {
            let tag = values.values["image"]["keda"]["tag"].string.flatMap { $0.isEmpty ? nil : $0 }
            found.append(KEDAOperatorSighting(deployment: nil, container: nil, values: values, versionText: tag))
        }
        return found
    }

    public static func sightings(in store: ObjectStore) -> [KEDAOperatorSighting] {
        sightings(objects: store.objects(kind: "Deployment"), helmValues: store.helmValues)
    }

    /// `--keda-version` wins; else the first sighting that names a release; else the newest release, saying
    /// why (`unavailable`: what kept the detector from looking, such as a 403).
    public static func choose(flag: KEDAVersion?, sightings: [KEDAOperatorSighting], from source: KEDAVersionSource,
                              unavailable: String? = nil, placement: NamespacePlacement? = nil) -> KEDAVersionChoice {
        if let flag {
            return KEDAVersionChoice(version: flag, source: .flag, reason: "--keda-version \(flag)")
        }
        if let sighting = sightings.first(where: { $0.version != nil }), let version = sighting.version {
            return KEDAVersionChoice(version: version, source: source, reason: sighting.description(placement: placement))
        }
        let newest = KEDAVersion.newestRelease
        let why: String
        if let unavailable {
            why = unavailable
        } else if let sighting = sightings.first {
            why = "\(sighting.description(placement: placement)), which names no KEDA release"
        } else {
            why = source == .cluster ? "no KEDA operator Deployment found in the cluster"
                : source == .manifests ? "no KEDA operator Deployment or KEDA chart values among the inputs" : "no cluster or manifests read"
        }
        return KEDAVersionChoice(version: newest, source: .default,
                                 reason: "\(why); the newest release modelled, --keda-version to choose another")
    }

    /// The operators in a live cluster, read with GETs only: Deployments labelled as KEDA's operator in
    /// all namespaces, else every Deployment; refused that, `keda/keda-operator` by name. A refusal (403)
    /// or failure is returned as words, not thrown: the version then falls back to the default and says why.
    public static func live(client: KubeAPIClient) async -> (sightings: [KEDAOperatorSighting], unavailable: String?) {
        do {
            // Both KEDA's release manifests and its chart label the operator so.
            let labelled = try await client.list(.deployment, namespace: nil, labelSelector: "app.kubernetes.io/name=keda-operator")
            let found = sightings(objects: labelled, helmValues: [])
            if !found.isEmpty { return (found, nil) }
            return (sightings(objects: try await client.list(.deployment, namespace: nil), helmValues: []), nil)
        } catch let KubeAPIError.forbidden(message) {
            // Rights in KEDA's usual namespace only: its operator by name (a 404 or 403 there changes nothing).
            if let object = try? await client.get(.deployment, namespace: "keda", name: "keda-operator") {
                let found = sightings(objects: [object], helmValues: [])
                if !found.isEmpty { return (found, nil) }
            }
            return ([], "cannot list Deployments in all namespaces to find the KEDA operator (\(message))")
        } catch let error as UserFacingError {
            return ([], "cannot read the KEDA operator Deployment (\(error.message))")
        } catch {
            return ([], "cannot read the KEDA operator Deployment (\(error))")
        }
    }
}
