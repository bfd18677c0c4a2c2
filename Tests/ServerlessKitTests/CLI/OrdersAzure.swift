import Foundation

/// The Azure side the end-to-end CLI worlds stand on: one Azure test server with the storage account
/// `ordersstore` and the Event Hubs namespace `orders-ns` (policy `listen`), and the connection strings a
/// user copies from the portal for them, pointing at the test server.
struct OrdersAzure {
    static let namespace = "orders-ns.servicebus.windows.net"

    let server: AzureTestServer
    let scheme: String
    let storageKey: String
    let eventHubsKey: String

    /// `hubs` and `faults` in azure_server.py's syntax; with `tls`, storage and Event Hubs over HTTPS with
    /// the test CA's server certificate.
    init(hubs: [String], storageKey: String, eventHubsKey: String, faults: [String] = [], tls: Bool = false,
         arguments: [String] = []) throws {
        self.storageKey = storageKey
        self.eventHubsKey = eventHubsKey
        var options = AzureTestServer.Options(hubs: hubs, faults: faults, extraArguments: ["--eventhub-namespace", Self.namespace] + arguments)
        options.accounts = ["ordersstore": storageKey]
        options.eventHubsPolicies = ["listen": eventHubsKey]
        if tls {
            let pki = try TestCertificates.shared()
            options.extraArguments += ["--cert", pki.serverCertificate, "--key", pki.serverKey]
        }
        server = try AzureTestServer(options)
        scheme = tls ? "https" : "http"
    }

    /// The storage account's connection string, its blob endpoint on the test server.
    var storage: String {
        "DefaultEndpointsProtocol=\(scheme);AccountName=ordersstore;AccountKey=\(storageKey);"
            + "BlobEndpoint=\(scheme)://127.0.0.1:\(server.port)/ordersstore;"
    }

    /// The Event Hubs connection string for `hub`, naming the real-looking namespace (`--eventhub-endpoint` reaches the server).
    func eventHubs(_ hub: String) -> String {
        "Endpoint=sb://\(Self.namespace)/;SharedAccessKeyName=listen;SharedAccessKey=\(eventHubsKey);EntityPath=\(hub)"
    }

    /// Where the plugin reaches the Event Hubs runtime API: the test server instead of the namespace's host.
    var endpoint: [String] { ["--eventhub-endpoint", "\(scheme)://127.0.0.1:\(server.port)/"] }

    /// Checkpoints written by the real Azure SDK (blobMetadata, container `checkpoints`) for `hub`.
    func seed(hub: String, consumerGroup: String = "$Default", sequences: [String: Int64]) throws {
        try server.seed(.blobMetadata, connectionString: storage, namespace: Self.namespace, hub: hub, consumerGroup: consumerGroup,
                        sequences: sequences, caFile: scheme == "https" ? try TestCertificates.shared().caFile : nil)
    }
}
