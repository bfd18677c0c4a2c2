/// What scripts/release writes in before a release build (and puts back afterwards). A plain
/// `swift build` keeps these markers, so a development binary never claims a commit it may not be.
package enum BuildStamp {
    package static let commit = "unknown"
    package static let buildDate = "unknown"
}
