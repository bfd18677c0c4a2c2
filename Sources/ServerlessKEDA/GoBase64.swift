import ServerlessSupport

/// Go's `base64.StdEncoding.DecodeString` (encoding/base64, `decodeQuantum`): padding required, `\r` and
/// `\n` skipped anywhere, not strict about the bits after the last byte. A failure is Go's
/// `CorruptInputError`, whose text is `illegal base64 data at input byte N`, N counted in bytes.
package enum GoBase64 {
    package struct CorruptInput: Error, Equatable {
        package let offset: Int
        package var message: String { "illegal base64 data at input byte \(offset)" }
    }

    package static func decodeStd(_ text: String) -> Result<[UInt8], CorruptInput> {
        let src = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(src.count / 4 * 3)
        var si = 0
        while si < src.count {
            switch quantum(src, &si, into: &out) {
            case .success(true): continue
            case .success(false): return .success(out)
            case .failure(let error): return .failure(error)
            }
        }
        return .success(out)
    }

    private static func isNewline(_ c: UInt8) -> Bool { c == 0x0A || c == 0x0D }

    /// One group of up to four symbols; `true` while more groups may follow.
    private static func quantum(_ src: [UInt8], _ si: inout Int, into out: inout [UInt8]) -> Result<Bool, CorruptInput> {
        var buffer: [UInt32] = [0, 0, 0, 0]
        var length = 4
        var j = 0
        var more = true
        var trailing: CorruptInput?
        while j < 4 {
            if si == src.count {
                if j == 0 { return .success(false) }
                return .failure(CorruptInput(offset: si - j))  // padding is required
            }
            let c = src[si]
            si += 1
            if let value = Base64.sextet(c) {
                buffer[j] = value
                j += 1
                continue
            }
            if isNewline(c) { continue }
            if c != UInt8(ascii: "=") { return .failure(CorruptInput(offset: si - 1)) }
            // Padding: the end of the input.
            if j < 2 { return .failure(CorruptInput(offset: si - 1)) }
            if j == 2 {
                while si < src.count, isNewline(src[si]) { si += 1 }
                if si == src.count { return .failure(CorruptInput(offset: src.count)) }
                if src[si] != UInt8(ascii: "=") { return .failure(CorruptInput(offset: si - 1)) }
                si += 1
            }
            while si < src.count, isNewline(src[si]) { si += 1 }
            if si < src.count { trailing = CorruptInput(offset: si) }
            length = j
            more = false
            break
        }
        let value = buffer[0] << 18 | buffer[1] << 12 | buffer[2] << 6 | buffer[3]
        let bytes = [UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
        out += bytes.prefix(length - 1)
        if let trailing { return .failure(trailing) }
        return .success(more)
    }
}
