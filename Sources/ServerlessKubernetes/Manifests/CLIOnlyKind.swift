/// Documents a platform's own command-line tool reads from its spec directory and never sends to
/// Kubernetes as they are: the doctor skips them with a warning instead of failing the run.
package enum CLIOnlyKind {
    /// fission/fission pkg/fission-cli/cmd/spec/types/types.go: `DeploymentConfig` (what `fission spec init`
    /// writes, `name` and `uid` at the top, no metadata) and `ArchiveUploadSpec` (the files an archive
    /// holds, often without an apiVersion), both local to `fission spec apply`.
    package static let fission: Set<String> = ["DeploymentConfig", "ArchiveUploadSpec"]

    /// The tool that reads this kind, or nil for a Kubernetes object (or anything else).
    package static func tool(kind: String, apiVersion: String) -> String? {
        guard fission.contains(kind), apiVersion.isEmpty || apiVersion.hasPrefix("fission.io/") else { return nil }
        return "the fission CLI (fission spec apply)"
    }
}
