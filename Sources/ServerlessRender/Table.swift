/// kubectl's table: upper-case headers, columns padded to their widest cell and three spaces apart,
/// no trailing spaces. Colour codes in cells do not count toward widths.
public struct Table: Sendable {
    public var headers: [String]
    public var rows: [[String]]

    public init(headers: [String], rows: [[String]] = []) {
        self.headers = headers
        self.rows = rows
    }

    public func render(showHeaders: Bool = true) -> String {
        let all = (showHeaders ? [headers.map { $0.uppercased() }] : []) + rows
        guard !all.isEmpty else { return "" }
        let count = headers.count
        var widths = [Int](repeating: 0, count: count)
        for row in all {
            for (column, cell) in row.prefix(count).enumerated() {
                widths[column] = max(widths[column], Style.visibleWidth(cell))
            }
        }
        var out = ""
        for row in all {
            var line = ""
            for column in 0..<count {
                let cell = column < row.count ? row[column] : ""
                line += cell
                if column < count - 1 {
                    line += String(repeating: " ", count: widths[column] - Style.visibleWidth(cell) + 3)
                }
            }
            while line.last == " " { line.removeLast() }
            out += line + "\n"
        }
        return out
    }
}
