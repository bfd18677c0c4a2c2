import COpenSSL

/// HMAC-SHA256, the primitive behind Storage Shared Key and Event Hubs SAS signatures.
public enum HMACSHA256 {
    public static func authenticationCode(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        // OpenSSL refuses a NULL key even with length 0, and an empty array has no storage.
        let keyBytes = key.isEmpty ? [0] : key
        let result = keyBytes.withUnsafeBytes { keyBuffer in
            message.withUnsafeBufferPointer { messageBuffer in
                output.withUnsafeMutableBufferPointer { outputBuffer in
                    HMAC(EVP_sha256(), keyBuffer.baseAddress, Int32(key.count),
                         messageBuffer.baseAddress, messageBuffer.count, outputBuffer.baseAddress, &length)
                }
            }
        }
        // HMAC-SHA256 only fails when OpenSSL cannot allocate: nothing a caller could recover from.
        precondition(result != nil && length == 32, "OpenSSL HMAC-SHA256 failed")
        return Array(output.prefix(Int(length)))
    }

    public static func authenticationCode(key: [UInt8], message: String) -> [UInt8] {
        authenticationCode(key: key, message: Array(message.utf8))
    }
}
