import ServerlessSupport

/// One `-f` input already read into memory: a file, or stdin named `-`.
public struct ManifestText: Sendable {
    /// What findings and errors call it: the path as the user gave it, or `-` for stdin.
    public var file: String
    public var text: String
    /// The chart, when the user named it with `--helm-values CHART=FILE`.
    public var chart: HelmChart?

    public init(file: String, text: String, chart: HelmChart? = nil) {
        self.file = file
        self.text = text
        self.chart = chart
    }
}

/// What one input holds: Kubernetes objects (List items flattened), Helm values, and what was skipped.
public struct ParsedManifest: Sendable {
    public var objects: [KubeObject] = []
    public var helmValues: [HelmValuesDocument] = []
    public var warnings: [ManifestWarning] = []
}

/// Multi-document YAML or JSON text into objects, each with the file and lines it came from.
/// Pure: no files, no stdin.
public enum ManifestParser {
    public static func parse(_ input: ManifestText) throws -> ParsedManifest {
        let documents: [YAML.Document]
        do {
            documents = try YAML.documents(input.text)
        } catch let error as YAML.SyntaxError {
            throw ManifestError(file: input.file, line: error.line, reason: error.reason,
                                hint: HelmTemplateHint.hint(for: input.text))
        }
        var parsed = ParsedManifest()
        if let line = HelmTemplateHint.unquotedActionLine(in: input.text) {
            // Valid YAML by accident: `{{ x }}` reads as a nested flow mapping. Not manifests yet.
            parsed.warnings.append(ManifestWarning(file: input.file, line: line,
                message: "skipped the file: it holds Helm template actions ({{ ... }}), not rendered manifests; " + HelmTemplateHint.advice))
            return parsed
        }
        for document in documents {
            try read(document.value, line: document.line, fieldLines: document.fieldLines,
                     input: input, into: &parsed)
        }
        return parsed
    }

    private static func read(_ value: Value, line: Int, fieldLines: [String: Int],
                             input: ManifestText, into parsed: inout ParsedManifest) throws {
        if value.isNull { return }  // an empty document, e.g. a trailing `---`
        guard case .object = value else {
            parsed.warnings.append(ManifestWarning(file: input.file, line: line,
                message: "skipped a document that is not a mapping (neither a Kubernetes object nor Helm values)"))
            return
        }
        let apiVersion = value["apiVersion"].string ?? ""
        let kind = value["kind"].string ?? ""
        if apiVersion.isEmpty && kind.isEmpty {
            try readValues(value, location: SourceLocation(file: input.file, line: line, fieldLines: fieldLines),
                           input: input, into: &parsed)
            return
        }
        // Valid YAML that is not an object any rule reads is left out with a warning, never a failed run.
        func skip(_ why: String) {
            parsed.warnings.append(ManifestWarning(file: input.file, line: line, message: "skipped \(why)"))
        }
        if let tool = CLIOnlyKind.tool(kind: kind, apiVersion: apiVersion) {
            skip("\(kind)\(value["name"].string.map { " \($0)" } ?? ""): a file only \(tool) reads, not a Kubernetes object")
            return
        }
        guard !kind.isEmpty else {
            skip("a document with apiVersion \(apiVersion) but no kind (not a Kubernetes object)")
            return
        }
        guard !apiVersion.isEmpty else {
            skip("a \(kind) with no apiVersion (not a Kubernetes object)")
            return
        }
        if kind == "List" || (kind.hasSuffix("List") && value["items"].isArrayOrNull) {
            let itemLines = linesByItem(fieldLines)
            for (index, item) in value["items"].array.enumerated() {
                try read(item, line: fieldLines["items[\(index)]"] ?? line, fieldLines: itemLines[index] ?? [:],
                         input: input, into: &parsed)
            }
            return
        }
        guard let name = value["metadata"]["name"].string, !name.isEmpty else {
            skip("a \(kind) with no metadata.name")
            return
        }
        let namespace = value["metadata"]["namespace"].string.flatMap { $0.isEmpty ? nil : $0 }
        parsed.objects.append(KubeObject(apiVersion: apiVersion, kind: kind, namespace: namespace, name: name,
                                         body: value,
                                         location: SourceLocation(file: input.file, line: line, fieldLines: fieldLines)))
    }

    private static func readValues(_ value: Value, location: SourceLocation, input: ManifestText,
                                   into parsed: inout ParsedManifest) throws {
        if let chart = input.chart ?? HelmChart.recognise(value) {
            parsed.helmValues.append(HelmValuesDocument(file: input.file, chart: chart.rawValue, values: value,
                                                         location: location))
        } else {
            parsed.warnings.append(ManifestWarning(file: input.file, line: location.line,
                message: "skipped a document with no apiVersion/kind that is not Helm values of the openwhisk, fission or keda chart (name its chart with --helm-values CHART=FILE)"))
        }
    }

    /// Field lines of every List item, with paths relative to the item: one pass over the document's lines.
    private static func linesByItem(_ lines: [String: Int]) -> [Int: [String: Int]] {
        var out: [Int: [String: Int]] = [:]
        for (key, line) in lines where key.hasPrefix("items[") {
            let rest = key.dropFirst("items[".count)
            guard let close = rest.firstIndex(of: "]"), let index = Int(rest[..<close]) else { continue }
            var path = rest[rest.index(after: close)...]
            if path.first == "." { path = path.dropFirst() }
            if !path.isEmpty { out[index, default: [:]][String(path)] = line }
        }
        return out
    }
}

private extension Value {
    var isArrayOrNull: Bool {
        switch self {
        case .array, .null: true
        default: false
        }
    }
}
