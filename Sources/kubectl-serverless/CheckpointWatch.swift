import ArgumentParser
import Foundation
import ServerlessIO
import ServerlessInspect
import ServerlessKubernetes
import ServerlessRender
import ServerlessSupport

/// `checkpoints` over several triggers (`-A`, `-n NS`, `-l`, `-f` without a name) and/or over time (`-w`):
/// rounds like `kubectl get -w`. Later rounds reuse the first round's connections and resolutions; a trigger
/// is resolved again only when its object's resourceVersion changed (or it could not be resolved before).
/// Manifests are read once, before the first round: each round reads the checkpoints again, not the files.
struct CheckpointWatch {
    let global: GlobalOptions
    let scope: CheckpointScopeOptions
    let output: OutputFormat
    let tracker: RequestTracker

    func run(_ target: CheckpointTarget) async throws {
        let interval = scope.watch ? try scope.watchInterval() : nil
        if scope.watch { WatchSignals.install() }
        let code = switch target {
        case let .many(many): try await runMany(many, interval: interval)
        case let .one(runner): try await runOne(runner, interval: interval!)
        }
        if code != 0 { throw ExitCode(code) }
    }

    /// Without --request-timeout a round is bounded as one command is (2 minutes), naming what was pending.
    private func bounded<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try global.timeout() == nil
            ? await CommandDeadline(limit: CommandDeadline.withoutRequestTimeout, tracker: tracker).run(body)
            : await body()
    }

    private func runMany(_ many: CheckpointsMany, interval: Duration?) async throws -> Int32 {
        let progress = interval == nil && output.isForPeople ? ProgressLine.start(tracker) : nil
        var known: [String: CheckpointsMany.Resolved] = [:]
        var previous: [String: (report: CheckpointReport, at: ContinuousClock.Instant)] = [:]
        var round = 0
        let columns = ColumnWidths()
        let settings = Terminal.printSettings(global)
        while true {
            round += 1
            let result: (list: CheckpointReportList, resolved: [String: CheckpointsMany.Resolved])
            do {
                let before = known
                result = try await bounded { try await many.round(known: before) }
                progress?.stop()
            } catch {
                progress?.stop()
                guard interval != nil, round > 1 else { throw error }
                // A round that could not list the objects: said, and the next round tries again.
                let failure = CheckpointsMany.ItemFailure(error)
                Terminal.error("error: " + failure.failure.message)
                WatchSignals.roundEnded(exitCode: failure.exitCode)
                try await Task.sleep(for: interval!)
                continue
            }
            known = result.resolved
            var list = result.list
            let now = ContinuousClock.now
            for index in list.items.indices {
                guard let report = list.items[index].report, let key = Self.key(list.items[index]) else { continue }
                if let before = previous[key] {
                    list.items[index].rate = CheckpointRate.between(previous: before.report, current: report,
                                                                    seconds: Self.seconds(now - before.at)).total
                }
                previous[key] = (report, now)
            }
            let printout = CheckpointListRound(list: list, namespaces: many.namespace == nil, round: interval == nil ? 0 : round,
                                               columns: columns, noneFound: many.noneFound()).printout(output, settings)
            WatchSignals.printing { Terminal.write(printout) }
            guard let interval else { return list.exitCode }
            WatchSignals.roundEnded(exitCode: list.exitCode)
            try await Task.sleep(for: interval)
        }
    }

    private static func key(_ item: CheckpointReportList.Item) -> String? {
        guard let name = item.name else { return nil }
        return "\(item.kind)/\(item.namespace ?? "")/\(name)/\(item.triggerIndex ?? -1)"
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// One object, round after round: the table again each round, with each partition's rates.
    private func runOne(_ runner: CheckpointCommandRunner, interval: Duration) async throws -> Int32 {
        let prepared = try await bounded { try await runner.prepare() }
        var previous: (report: CheckpointReport, at: ContinuousClock.Instant)?
        let settings = Terminal.printSettings(global)
        var round = 0
        while true {
            round += 1
            let code: Int32
            do {
                let report = try await bounded { try await runner.inspect(prepared) }
                let now = ContinuousClock.now
                let rates = previous.map { CheckpointRate.between(previous: $0.report, current: report, seconds: Self.seconds(now - $0.at)) }
                previous = (report, now)
                let printout = CheckpointWatchRound(report: report, rates: rates, round: round).printout(output, settings)
                WatchSignals.printing { Terminal.write(printout) }
                code = report.exitCode
            } catch {
                let failure = CheckpointsMany.ItemFailure(error)
                Terminal.error("error: " + failure.failure.message)
                if let remedy = failure.failure.remedy { Terminal.error(remedy) }
                code = failure.exitCode
            }
            WatchSignals.roundEnded(exitCode: code)
            try await Task.sleep(for: interval)
        }
    }
}

extension CheckpointSourceOptions {
    /// The positional's `so/NAME`, `sj/NAME`, `scaledobject.keda.sh/NAME`... forms as a name and its kind.
    func normalizingObjectForm() throws -> CheckpointSourceOptions {
        guard let text = scaledObject else { return self }
        let (kind, name) = try ScalableObjectName.parse(text)
        var copy = self
        if kind == .scaledJob {
            if scaledJob != nil { throw CommandInputError(message: "name either a ScaledObject or --scaled-job, not both") }
            copy.scaledObject = nil
            copy.scaledJob = name
        } else {
            copy.scaledObject = name
        }
        return copy
    }
}
