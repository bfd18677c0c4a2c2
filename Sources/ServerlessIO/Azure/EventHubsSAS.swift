import Foundation
import ServerlessSupport

/// Service Bus / Event Hubs SAS tokens:
/// `SharedAccessSignature sr={quote_plus(resource)}&sig={quote_plus(base64 HMAC)}&se={expiry}&skn={keyName}`,
/// the HMAC keyed with the key's UTF-8 bytes as written (not base64-decoded) over `sr + "\n" + se`.
public enum EventHubsSAS {
    public static func token(resource: String, keyName: String, key: Secret, expiry: Date) -> Secret {
        token(resource: resource, keyName: keyName, key: key, expiry: Int64(expiry.timeIntervalSince1970.rounded(.down)))
    }

    public static func token(resource: String, keyName: String, key: Secret, expiry: Int64) -> Secret {
        let encodedResource = PercentEncoding.quotePlus(resource)
        let signature = Base64.encode(HMACSHA256.authenticationCode(
            key: Array(key.value.utf8), message: stringToSign(encodedResource: encodedResource, expiry: expiry)))
        return Secret("SharedAccessSignature sr=\(encodedResource)&sig=\(PercentEncoding.quotePlus(signature))"
            + "&se=\(expiry)&skn=\(PercentEncoding.quotePlus(keyName))")
    }

    package static func stringToSign(encodedResource: String, expiry: Int64) -> String {
        "\(encodedResource)\n\(expiry)"
    }
}
