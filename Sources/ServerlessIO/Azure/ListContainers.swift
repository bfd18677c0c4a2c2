/// List Containers (`GET {endpoint}/?comp=list`): the account's container names, to say which exist when the
/// configured one does not. Needs an account SAS with service resource type (srt s) and list (l), or a key.
extension BlobContainerClient {
    /// The first `limit` container names of the account, in the service's (alphabetical) order.
    public func accountContainerNames(limit: Int = 50) async throws -> [String] {
        let response = try await http.send(request(.get, "\(endpoint)/?comp=list&maxresults=\(limit)"))
        guard response.isSuccess else {
            throw AzureStorageError.from(response, account: account, container: container, blob: nil)
        }
        return try ContainerNames.parse(response.body, source: "the List Containers response of storage account '\(account)'")
    }
}

/// `<EnumerationResults><Containers><Container><Name>..</Name>...`
package enum ContainerNames {
    package static func parse(_ body: [UInt8], source: String) throws -> [String] {
        final class Handler: XMLContentHandler {
            var names: [String] = []
            func end(_ tag: XMLTag, text: String) throws {
                if tag.name == "Name", tag.path == ["EnumerationResults", "Containers", "Container", "Name"] {
                    names.append(text)
                }
            }
        }
        let handler = Handler()
        try XMLReader.parse(body, source: source, handler: handler)
        return handler.names
    }
}
