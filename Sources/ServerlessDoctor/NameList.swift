/// Names in a message: all of them up to a limit, then "and N more", so a count and its list never disagree.
package enum NameList {
    package static func some(_ names: [String], limit: Int = 5) -> String {
        let shown = names.prefix(limit).joined(separator: ", ")
        return names.count > limit ? "\(shown) and \(names.count - limit) more" : shown
    }
}
