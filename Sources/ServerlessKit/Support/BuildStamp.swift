/// What scripts/release writes in before a release build (and puts back afterwards). A plain
/// `swift build` keeps these markers, so a development binary never claims a commit it may not be.
enum BuildStamp {
    static let commit = "unknown"
    static let buildDate = "unknown"
}
