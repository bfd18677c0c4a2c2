import Foundation
import ServerlessSupport

/// The serverless platforms the doctor knows, and `general`: checks common to all of them, run on the
/// objects the platforms found own or run (never on every object of the cluster).
public enum Platform: String, Sendable, CaseIterable, Comparable {
    case azureFunctions = "azure-functions"
    case keda, fission, openwhisk
    case general

    /// The real platforms, without `general`.
    public static let serverless: [Platform] = allCases.filter { $0 != .general }

    /// `azure-functions|keda|fission|openwhisk|general`: help text and completion values.
    public static var choices: String { allCases.map(\.rawValue).joined(separator: "|") }

    public static func < (lhs: Platform, rhs: Platform) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// `--platform azure-functions,keda`.
    public static func parseList(_ text: String) throws -> Set<Platform> {
        var out: Set<Platform> = []
        for part in text.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces)
            guard let platform = Platform(rawValue: name.lowercased()) else {
                throw DoctorInputError(message: "unknown platform \"\(name)\" in --platform; use \(allCases.map(\.rawValue).joined(separator: ", "))")
            }
            out.insert(platform)
        }
        return out
    }
}

/// A bad flag or config value for the doctor (exit 2).
public struct DoctorInputError: UserFacingError, Equatable {
    public var message: String
    public var hint: String?
    public init(message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
    public var category: FailureCategory { .input }
}
