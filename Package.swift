// swift-tools-version:6.0
import PackageDescription

// The modules follow the folders, and a module may only use the ones below it (the compiler holds
// the arrows): Support <- KEDA (pure model) <- Kubernetes <- Inspect, Doctor <- Render, Completion;
// IO (Transport, XML, Crypto, Azure: the C libraries) sits beside KEDA, under Kubernetes and Inspect.
let swift5: [SwiftSetting] = [.swiftLanguageMode(.v5)]

let package = Package(
    name: "kubectl-serverless",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kubectl-serverless", targets: ["kubectl-serverless"]),
        .library(name: "ServerlessKit", targets: [
            "ServerlessSupport", "ServerlessKEDA", "ServerlessIO", "ServerlessKubernetes",
            "ServerlessInspect", "ServerlessDoctor", "ServerlessRender", "ServerlessCompletion",
        ]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // The three C libraries the design rests on: HTTP, XML, crypto.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl",
                       providers: [.apt(["libcurl4-openssl-dev"]), .brew(["curl"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl",
                       providers: [.apt(["libssl-dev"]), .brew(["openssl"])]),
        // Values, JSON, YAML, secrets, Go's text functions: what every other module speaks.
        .target(name: "ServerlessSupport",
                dependencies: [.product(name: "Yams", package: "Yams")], swiftSettings: swift5),
        // KEDA's azure-eventhub scaler as a pure model: metadata, checkpoint strategies, the math.
        .target(name: "ServerlessKEDA", dependencies: ["ServerlessSupport"], swiftSettings: swift5),
        // Everything that touches a socket or a C library: libcurl, libxml2, OpenSSL, the Azure REST APIs.
        .target(name: "ServerlessIO",
                dependencies: ["ServerlessSupport", "CCurl", "CLibXML2", "COpenSSL"], swiftSettings: swift5),
        // Objects, manifests, kubeconfig, the API client, KEDA's trigger inputs as a cluster holds them.
        .target(name: "ServerlessKubernetes",
                dependencies: ["ServerlessSupport", "ServerlessKEDA", "ServerlessIO"], swiftSettings: swift5),
        // `checkpoints`: one trigger's request, the blobs KEDA reads, the report.
        .target(name: "ServerlessInspect",
                dependencies: ["ServerlessSupport", "ServerlessKEDA", "ServerlessIO", "ServerlessKubernetes"],
                swiftSettings: swift5),
        // `doctor`: facts, the rules, the report.
        .target(name: "ServerlessDoctor",
                dependencies: ["ServerlessSupport", "ServerlessKEDA", "ServerlessKubernetes"],
                swiftSettings: swift5),
        // Every output of every command: tables, JSON, YAML, SARIF, JUnit.
        .target(name: "ServerlessRender",
                dependencies: ["ServerlessSupport", "ServerlessKEDA", "ServerlessIO", "ServerlessKubernetes",
                               "ServerlessInspect", "ServerlessDoctor"],
                swiftSettings: swift5),
        // Shell completion: the words for each position, live names from the cluster.
        .target(name: "ServerlessCompletion",
                dependencies: ["ServerlessSupport", "ServerlessKEDA", "ServerlessIO", "ServerlessKubernetes",
                               "ServerlessDoctor"],
                swiftSettings: swift5),
        .executableTarget(
            name: "kubectl-serverless",
            dependencies: ["ServerlessSupport", "ServerlessKEDA", "ServerlessIO", "ServerlessKubernetes",
                           "ServerlessInspect", "ServerlessDoctor", "ServerlessRender", "ServerlessCompletion",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swift5),
        // Parser-only List Blobs benchmark, run by bench/xml_parse.py (release build).
        .executableTarget(
            name: "ListingParseBench",
            dependencies: ["ServerlessSupport", "ServerlessIO"],
            path: "bench/ListingParseBench",
            swiftSettings: swift5),
        .testTarget(
            name: "ServerlessKitTests",
            dependencies: ["ServerlessSupport", "ServerlessKEDA", "ServerlessIO", "ServerlessKubernetes",
                           "ServerlessInspect", "ServerlessDoctor", "ServerlessRender", "ServerlessCompletion"],
            // Read through #filePath, not bundled.
            exclude: ["Doctor/Fixtures", "Kubernetes/Fixtures"],
            swiftSettings: swift5),
    ]
)
