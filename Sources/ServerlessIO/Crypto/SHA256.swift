import COpenSSL

public enum SHA256 {
    public static func digest(_ data: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = data.withUnsafeBytes { input in
            output.withUnsafeMutableBufferPointer { out in
                EVP_Digest(input.baseAddress ?? UnsafeRawPointer(bitPattern: 1), input.count,
                           out.baseAddress, &length, EVP_sha256(), nil)
            }
        }
        precondition(ok == 1 && length == 32, "OpenSSL SHA-256 failed")
        return Array(output.prefix(Int(length)))
    }

    public static func digest(_ text: String) -> [UInt8] { digest(Array(text.utf8)) }
}

extension Array where Element == UInt8 {
    /// Lowercase hex, for digests in tests and logs.
    public var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(count * 2)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
