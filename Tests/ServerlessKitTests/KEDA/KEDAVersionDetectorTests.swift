import Testing
@testable import ServerlessKEDA
@testable import ServerlessKubernetes

@Suite struct KEDAVersionDetectorTests {
    static func sightings(_ yaml: String) throws -> [KEDAOperatorSighting] {
        KEDAVersionDetector.sightings(in: try DoctorTestSupport.store(yaml, file: "keda.yaml"))
    }

    static func deployment(name: String = "keda-operator", image: String, labels: String = "{}") -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: \(name), namespace: keda, labels: \(labels)}
        spec:
          template:
            spec:
              containers:
              - {name: \(name), image: "\(image)"}
        """
    }

    @Test func operatorImageTagLabelAndChartValues() throws {
        #expect(try Self.sightings(Self.deployment(image: "ghcr.io/kedacore/keda:2.15.1")).map(\.version) == [KEDAVersion(2, 15, 1)])
        #expect(try Self.sightings(Self.deployment(image: "ghcr.io/kedacore/keda:v2.17.0")).map(\.version) == [KEDAVersion(2, 17, 0)])
        #expect(try Self.sightings(Self.deployment(image: "ghcr.io/kedacore/keda:main")).map(\.version) == [.main])
        // Pinned by digest: the chart's version label says which release.
        let pinned = Self.deployment(image: "ghcr.io/kedacore/keda@sha256:0123", labels: "{app.kubernetes.io/version: 2.16.1}")
        #expect(try Self.sightings(pinned).map(\.version) == [KEDAVersion(2, 16, 1)])
        // The metrics API server ships from kedacore too, but is not the operator.
        #expect(try Self.sightings(Self.deployment(name: "keda-operator-metrics-apiserver", image: "ghcr.io/kedacore/keda-metrics-apiserver:2.15.1")).isEmpty)
        let values = try Self.sightings("image:\n  keda: {tag: \"2.15.0\"}\nwatchNamespace: \"\"\nmetricsServer: {}\n")
        #expect(values.map(\.version) == [KEDAVersion(2, 15, 0)])
        #expect(values.first?.description() == "KEDA chart values keda.yaml set image.keda.tag 2.15.0")
    }

    @Test func choiceFlagThenSightingThenNewestRelease() throws {
        let found = try Self.sightings(Self.deployment(image: "ghcr.io/kedacore/keda:2.15.1"))
        let flag = KEDAVersionDetector.choose(flag: .main, sightings: found, from: .cluster)
        #expect(flag == KEDAVersionChoice(version: .main, source: .flag, reason: "--keda-version main"))
        let cluster = KEDAVersionDetector.choose(flag: nil, sightings: found, from: .cluster)
        #expect(cluster.version == KEDAVersion(2, 15, 1) && cluster.source == .cluster)
        #expect(cluster.reason == "Deployment keda/keda-operator runs ghcr.io/kedacore/keda:2.15.1")
        // `latest` names no release: the newest one modelled, saying why.
        let latest = KEDAVersionDetector.choose(flag: nil, sightings: try Self.sightings(Self.deployment(image: "ghcr.io/kedacore/keda:latest")),
                                                from: .manifests)
        #expect(latest.version == .newestRelease && latest.source == .default)
        #expect(latest.reason.hasPrefix("Deployment keda/keda-operator runs ghcr.io/kedacore/keda:latest, which names no KEDA release"))
        #expect(KEDAVersionDetector.choose(flag: nil, sightings: [], from: .cluster, unavailable: "cannot list").reason.hasPrefix("cannot list; "))
    }

    /// The newest release is v2.20.2; #7926 (EntityPath found by key) is on main after it, in no tag.
    @Test func newestReleaseIsNotMain() {
        #expect(KEDAVersion.newestRelease.description == "2.20.2" && !KEDAVersion.newestRelease.parsesConnectionStringByKey)
        #expect(KEDAVersion.main.description == "main" && KEDAVersion.main.parsesConnectionStringByKey)
        #expect(KEDAVersion("main") == .main && KEDAVersion("latest") == nil)
    }
}
