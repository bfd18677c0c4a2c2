/// Whether KEDA operators the doctor found predate a release: rules that judge a change KEDA made at that
/// release stay silent about the KEDA that is older (a version not known is not older).
extension KedaOperator {
    package func isOlder(than release: (major: Int, minor: Int)) -> Bool {
        guard let numbers = versionNumbers else { return false }
        return numbers[0] < release.major || (numbers[0] == release.major && numbers[1] < release.minor)
    }

    /// True when operators were found and every one is older than the release.
    package static func allOlder(than release: (major: Int, minor: Int), in index: DoctorIndex) -> Bool {
        let operators = all(in: index)
        return !operators.isEmpty && operators.allSatisfy { $0.isOlder(than: release) }
    }
}
