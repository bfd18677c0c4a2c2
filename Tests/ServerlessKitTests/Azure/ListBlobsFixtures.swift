@testable import ServerlessIO

/// List Blobs pages shaped like the service's (element names from the REST reference / Azurite
/// mappers), with the UTF-8 BOM the service puts in front.
enum ListBlobsFixtures {
    static func page(_ blobs: [String], marker: String = "", nextMarker: String = "", prefix: String = "") -> String {
        "\u{FEFF}<?xml version=\"1.0\" encoding=\"utf-8\"?><EnumerationResults ServiceEndpoint=\"http://127.0.0.1:10000/devstoreaccount1\" ContainerName=\"checkpoints\">"
            + "<Prefix>\(prefix)</Prefix>" + (marker.isEmpty ? "" : "<Marker>\(marker)</Marker>")
            + "<MaxResults>5000</MaxResults><Blobs>" + blobs.joined() + "</Blobs>"
            + (nextMarker.isEmpty ? "<NextMarker />" : "<NextMarker>\(nextMarker)</NextMarker>") + "</EnumerationResults>"
    }

    static func checkpoint(_ name: String, sequenceNumber: Int, offset: Int, encoded: Bool = false,
                           metadataKey: String = "sequencenumber") -> String {
        """
        <Blob><Name\(encoded ? " Encoded=\"true\"" : "")>\(name)</Name><Properties>\
        <Creation-Time>Fri, 21 Nov 2025 09:00:00 GMT</Creation-Time>\
        <Last-Modified>Sat, 22 Nov 2025 09:59:58 GMT</Last-Modified><Etag>0x8DE29A1B2C3D4E5</Etag>\
        <Content-Length>0</Content-Length><Content-Type>application/octet-stream</Content-Type>\
        <Content-Encoding /><Content-Language /><Content-CRC64 /><Content-MD5>1B2M2Y8AsgTpgAmY7PhCfg==</Content-MD5>\
        <Cache-Control /><Content-Disposition /><BlobType>BlockBlob</BlobType><AccessTier>Hot</AccessTier>\
        <AccessTierInferred>true</AccessTierInferred><LeaseStatus>unlocked</LeaseStatus><LeaseState>available</LeaseState>\
        <ServerEncrypted>true</ServerEncrypted></Properties><Metadata><\(metadataKey)>\(sequenceNumber)</\(metadataKey)>\
        <offset>\(offset)</offset></Metadata><OrMetadata /></Blob>
        """
    }
}
