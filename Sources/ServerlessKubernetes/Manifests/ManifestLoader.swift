import Foundation

/// The object store built from `-f` inputs, plus what was skipped on the way (the CLI prints these to stderr).
public struct ManifestLoad: Sendable {
    public var store: ObjectStore
    public var warnings: [ManifestWarning]
}

/// `-f` paths (files, directories, `-` for stdin; `-R` to descend) and `--helm-values CHART=FILE` into one store.
public enum ManifestLoader {
    /// The extensions kubectl reads from a directory; files named explicitly are read whatever their name.
    package static let directoryExtensions: Set<String> = ["yaml", "yml", "json"]

    public static func load(paths: [String], recursive: Bool = false, helmValues: [String] = [],
                            readStdin: () throws -> String = { String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) })
        throws -> ManifestLoad {
        var inputs: [ManifestText] = []
        var stdinRead = false
        for path in paths {
            if path == "-" {
                guard !stdinRead else { continue }
                stdinRead = true
                inputs.append(ManifestText(file: "-", text: try readStdin()))
                continue
            }
            for file in try files(at: path, recursive: recursive) {
                inputs.append(ManifestText(file: file, text: try read(file)))
            }
        }
        for flag in helmValues {
            let (chart, file) = try parseHelmValuesFlag(flag)
            inputs.append(ManifestText(file: file, text: try read(file), chart: chart))
        }
        return try assemble(inputs, paths: paths + helmValues.map { String($0.split(separator: "=", maxSplits: 1).last ?? "") })
    }

    /// Parses every input and keeps the first of any object met twice. Pure.
    public static func assemble(_ inputs: [ManifestText], paths: [String]) throws -> ManifestLoad {
        var store = ObjectStore(source: .manifests(paths: paths))
        var warnings: [ManifestWarning] = []
        var firstSeen: [String: String] = [:]
        // Parsing YAML is most of the time on large inputs, and each file parses on its own.
        let results = inputs.parallelMap { input in Result { try ManifestParser.parse(input) } }
        for (input, result) in zip(inputs, results) {
            let parsed = try result.get()
            warnings += parsed.warnings
            store.helmValues += parsed.helmValues
            for object in parsed.objects {
                let key = "\(object.group)/\(object.kind)/\(object.namespace ?? "")/\(object.name)"
                if store.add(object) {
                    firstSeen[key] = object.location.map { "\($0.file):\($0.line)" }
                } else {
                    let name = object.namespace.map { "\($0)/\(object.name)" } ?? object.name
                    warnings.append(ManifestWarning(file: input.file, line: object.location?.line,
                        message: "\(object.kind) \(name) was already read from \(firstSeen[key] ?? "an earlier input"); this copy is ignored"))
                }
            }
        }
        return ManifestLoad(store: store, warnings: warnings)
    }

    /// `openwhisk=values.yaml` into the chart and the file.
    public static func parseHelmValuesFlag(_ flag: String) throws -> (HelmChart, String) {
        let parts = flag.split(separator: "=", maxSplits: 1).map(String.init)
        let charts = HelmChart.allCases.map(\.rawValue).joined(separator: ", ")
        guard parts.count == 2, !parts[1].isEmpty else {
            throw ManifestError(file: flag, reason: "--helm-values takes CHART=FILE, CHART one of \(charts)")
        }
        guard let chart = HelmChart(rawValue: parts[0].lowercased()) else {
            throw ManifestError(file: parts[1], reason: "unknown chart \"\(parts[0])\" in --helm-values; use one of \(charts)")
        }
        return (chart, parts[1])
    }

    package static func files(at path: String, recursive: Bool) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ManifestError(file: path, reason: "no such file or directory")
        }
        guard isDirectory.boolValue else { return [path] }
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
        } catch {
            throw ManifestError(file: path, reason: "cannot list the directory")
        }
        var out: [String] = []
        for entry in entries where !entry.hasPrefix(".") {
            let child = path.hasSuffix("/") ? path + entry : path + "/" + entry
            var childIsDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: child, isDirectory: &childIsDirectory)
            if childIsDirectory.boolValue {
                if recursive { out += try files(at: child, recursive: true) }
            } else if directoryExtensions.contains((entry as NSString).pathExtension.lowercased()) {
                out.append(child)
            }
        }
        return out
    }

    package static func read(_ file: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ManifestError(file: file, reason: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ManifestError(file: file, reason: "not UTF-8 text")
        }
        return text
    }
}
