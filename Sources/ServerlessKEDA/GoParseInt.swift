/// Go `strconv.ParseInt(s, 10, 64)`: optional sign, decimal digits only, int64 range.
public enum GoParseInt {
    public enum Failure: Error, Equatable, Sendable {
        case syntax(String)
        case range(String)

        /// Go's `*strconv.NumError` text.
        public var message: String {
            switch self {
            case .syntax(let s): "strconv.ParseInt: parsing \(GoText.quote(s)): invalid syntax"
            case .range(let s): "strconv.ParseInt: parsing \(GoText.quote(s)): value out of range"
            }
        }
    }

    package static func parse(_ text: String) -> Result<Int64, Failure> {
        var bytes = Array(text.utf8)[...]
        var negative = false
        if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            negative = sign == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        guard !bytes.isEmpty else { return .failure(.syntax(text)) }
        var magnitude: UInt64 = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return .failure(.syntax(text)) }
            // Go reports an overflow as soon as it happens, before seeing a later bad digit.
            let (times, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            if o1 || o2 { return .failure(.range(text)) }
            magnitude = sum
        }
        let limit = UInt64(Int64.max) + (negative ? 1 : 0)
        guard magnitude <= limit else { return .failure(.range(text)) }
        if negative { return .success(magnitude == limit ? Int64.min : -Int64(magnitude)) }
        return .success(Int64(magnitude))
    }
}

/// Go `strconv.ParseBool`: exactly 1, t, T, TRUE, true, True, 0, f, F, FALSE, false or False.
package enum GoParseBool {
    package struct Failure: Error, Equatable {
        package let text: String
        /// Go's `*strconv.NumError` text.
        package var message: String { "strconv.ParseBool: parsing \(GoText.quote(text)): invalid syntax" }
    }

    package static func parse(_ text: String) -> Result<Bool, Failure> {
        switch text {
        case "1", "t", "T", "true", "TRUE", "True": .success(true)
        case "0", "f", "F", "false", "FALSE", "False": .success(false)
        default: .failure(Failure(text: text))
        }
    }
}
