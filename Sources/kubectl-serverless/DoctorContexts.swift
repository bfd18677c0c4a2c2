import ArgumentParser
import Foundation
import ServerlessDoctor
import ServerlessIO
import ServerlessKubernetes
import ServerlessRender
import ServerlessSupport

/// `doctor --all-contexts` and `--context a,b,c`: every named context checked at once, each as
/// `doctor --context NAME` checks one, each within a bounded wait, so one unreachable cluster is its own
/// item with its error while the others still report.
struct DoctorContexts {
    let global: GlobalOptions
    let allNamespaces: Bool
    let options: DoctorOptions
    let output: OutputFormat

    /// Without --request-timeout, how long one context may take before it is reported as not answering.
    static let perContextBound = Duration.seconds(30)

    /// The contexts to check: every one of the kubeconfig with `--all-contexts`, the list with `--context a,b`;
    /// nil for one context (the usual run).
    static func names(global: GlobalOptions, allContexts: Bool) throws -> [String]? {
        if allContexts {
            if global.context != nil { throw CommandInputError(message: "--all-contexts checks every context: do not name one with --context") }
            let names = try KubeconfigLoader.merged(overrides: global.kubeconfigOverrides).contexts.keys.sorted()
            guard !names.isEmpty else { throw CommandInputError(message: "the kubeconfig has no contexts") }
            return names
        }
        guard let list = global.context, list.contains(",") else { return nil }
        let names = list.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard !names.contains(where: \.isEmpty) else { throw CommandInputError(message: "invalid --context \"\(list)\": an empty name in the list") }
        return names
    }

    func run(_ contexts: [String]) async throws {
        try DoctorReportList.check(output)
        let bound = try global.timeout() ?? Self.perContextBound
        let items = await contexts.concurrentMap { context -> DoctorReportList.Item in
            var scoped = global
            scoped.context = context
            do {
                let client = try scoped.apiClient()
                let namespace = allNamespaces ? nil : client.config.namespace
                let store = try await CommandDeadline(limit: bound, tracker: RequestTracker()).run {
                    try await DoctorLive.load(client: client, namespace: namespace)
                }
                return DoctorReportList.Item(context: context, report: Doctor.run(store: store, options: options))
            } catch let error as CommandDeadline.Exceeded {
                return DoctorReportList.Item(context: context, report: nil, error: "no answer within \(Int(CheckpointWatch.seconds(error.after)))s",
                                             errorExitCode: error.category.exitCode)
            } catch let error as UserFacingError {
                return DoctorReportList.Item(context: context, report: nil, error: error.message, errorExitCode: error.category.exitCode)
            } catch {
                return DoctorReportList.Item(context: context, report: nil, error: "\(error)", errorExitCode: 3)
            }
        }
        try Terminal.show(DoctorReportList(items: items), as: output, Terminal.printSettings(global))
    }
}
