// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "kubectl-serverless",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kubectl-serverless", targets: ["kubectl-serverless"]),
        .library(name: "ServerlessKit", targets: ["ServerlessKit"]),
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
        .target(
            name: "ServerlessKit",
            dependencies: ["CCurl", "CLibXML2", "COpenSSL", .product(name: "Yams", package: "Yams")],
            swiftSettings: [.swiftLanguageMode(.v5)]),
        .executableTarget(
            name: "kubectl-serverless",
            dependencies: ["ServerlessKit", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: [.swiftLanguageMode(.v5)]),
        // Parser-only List Blobs benchmark, run by bench/xml_parse.py (release build).
        .executableTarget(
            name: "ListingParseBench",
            dependencies: ["ServerlessKit"],
            path: "bench/ListingParseBench",
            swiftSettings: [.swiftLanguageMode(.v5)]),
        .testTarget(
            name: "ServerlessKitTests",
            dependencies: ["ServerlessKit"],
            // Read through #filePath, not bundled.
            exclude: ["Doctor/Fixtures", "Kubernetes/Fixtures"],
            swiftSettings: [.swiftLanguageMode(.v5)]),
    ]
)
