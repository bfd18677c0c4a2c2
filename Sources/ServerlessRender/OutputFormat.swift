/// `-o`: every way this tool prints what it found. Each document says which of these it has
/// (`OutputDocument.formats`); a command's `-o` offers its documents' formats and nothing else.
public enum OutputFormat: String, Sendable, CaseIterable {
    case table, wide, json, yaml, sarif, junit, text

    /// Formats read by people at a terminal (a progress line may show), not by programs.
    public var isForPeople: Bool { [.table, .wide, .text].contains(self) }
}
