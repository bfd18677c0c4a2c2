/// Removes secrets from text that may be shown: URLs (SAS `sig`, tokens in queries), connection strings.
public enum Redact {
    /// Query parameters whose values are credentials.
    package static let secretParameters: Set<String> = ["sig", "signature", "token", "access_token", "code", "client_secret"]
    /// Connection-string keys whose values are credentials.
    package static let secretKeys: Set<String> = ["accountkey", "sharedaccesskey", "sharedaccesssignature", "password"]

    /// `https://a.blob.core.windows.net/c?sv=...&sig=abc` -> `...&sig=REDACTED`.
    public static func url(_ url: String) -> String {
        guard let question = url.firstIndex(of: "?") else { return url }
        let query = url[url.index(after: question)...].split(separator: "&", omittingEmptySubsequences: false)
        let cleaned = query.map { part -> String in
            guard let equals = part.firstIndex(of: "=") else { return String(part) }
            let name = part[..<equals].lowercased()
            return secretParameters.contains(name) ? "\(part[..<equals])=REDACTED" : String(part)
        }
        return String(url[...question]) + cleaned.joined(separator: "&")
    }

    /// `AccountName=a;AccountKey=xyz` -> `AccountName=a;AccountKey=REDACTED`.
    public static func connectionString(_ text: String) -> String {
        text.split(separator: ";", omittingEmptySubsequences: false).map { part -> String in
            guard let equals = part.firstIndex(of: "=") else { return String(part) }
            let key = part[..<equals].trimmingSpaces.lowercased()
            return secretKeys.contains(key) ? "\(part[..<equals])=REDACTED" : String(part)
        }.joined(separator: ";")
    }
}

extension StringProtocol {
    package var trimmingSpaces: String {
        // Most texts have nothing to trim: their ends say so without walking Characters.
        let text = String(self)
        let edge: (UInt8?) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        if !edge(text.utf8.first), !edge(text.utf8.last) { return text }
        return String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
