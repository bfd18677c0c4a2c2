@testable import ServerlessKEDA

/// Event Hubs REST runtime documents, shaped after the REST reference (Get Event Hub,
/// Get Partition Runtime Metadata) and the Service Bus empty-feed answer for unknown entities.
enum EventHubsAtomFixtures {
    static func hub(_ name: String = "myhub", ids: [String]) -> String {
        """
        <?xml version="1.0" encoding="utf-8"?>
        <entry xmlns="http://www.w3.org/2005/Atom">
          <id>https://myns.servicebus.windows.net/\(name)?api-version=2014-01</id>
          <title type="text">\(name)</title>
          <published>2025-11-01T08:00:00Z</published>
          <updated>2025-11-01T08:00:05Z</updated>
          <author><name>myns</name></author>
          <link rel="self" href="https://myns.servicebus.windows.net/\(name)?api-version=2014-01"/>
          <content type="application/xml">
            <EventHubDescription xmlns="http://schemas.microsoft.com/netservices/2010/10/servicebus/connect" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">
              <MessageRetentionInDays>1</MessageRetentionInDays>
              <AuthorizationRules/>
              <Status>Active</Status>
              <CreatedAt>2025-11-01T08:00:00.357Z</CreatedAt>
              <UpdatedAt>2025-11-01T08:00:05.09Z</UpdatedAt>
              <PartitionCount>\(ids.count)</PartitionCount>
              <PartitionIds xmlns:d2p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays">\
        \(ids.map { "<d2p1:string>\($0)</d2p1:string>" }.joined())</PartitionIds>
            </EventHubDescription>
          </content>
        </entry>
        """
    }

    static func partition(_ id: String, begin: Int64, end: Int64, offset: String = "2062040",
                          time: String = "2016-02-23T03:22:27.024Z", hub: String = "myhub") -> String {
        """
        <?xml version="1.0" encoding="utf-8"?>
        <entry xmlns="http://www.w3.org/2005/Atom">
          <id>https://myns.servicebus.windows.net/\(hub)/consumergroups/$Default/partitions/\(id)?api-version=2015-01</id>
          <title type="text">\(id)</title>
          <published>2016-02-23T03:20:14Z</published>
          <updated>2016-02-23T03:22:27Z</updated>
          <link rel="self" href="https://myns.servicebus.windows.net/\(hub)/consumergroups/$Default/partitions/\(id)?api-version=2015-01"/>
          <content type="application/xml">
            <PartitionDescription xmlns="http://schemas.microsoft.com/netservices/2010/10/servicebus/connect" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">
              <SizeInBytes>33554432</SizeInBytes>
              <BeginSequenceNumber>\(begin)</BeginSequenceNumber>
              <EndSequenceNumber>\(end)</EndSequenceNumber>
              <IncomingBytesPerSecond>0</IncomingBytesPerSecond>
              <OutgoingBytesPerSecond>0</OutgoingBytesPerSecond>
              <LastEnqueuedOffset>\(offset)</LastEnqueuedOffset>
              <LastEnqueuedTimeUtc>\(time)</LastEnqueuedTimeUtc>
            </PartitionDescription>
          </content>
        </entry>
        """
    }

    /// The feed of all partitions: the same entries under one `<feed>`.
    static func partitionsFeed(_ entries: [(id: String, begin: Int64, end: Int64)], hub: String = "myhub") -> String {
        let items = entries.map { entry in
            partition(entry.id, begin: entry.begin, end: entry.end, offset: "\(entry.begin * 4096)", hub: hub)
                .replacingOccurrences(of: #"<?xml version="1.0" encoding="utf-8"?>"#, with: "")
                .replacingOccurrences(of: #" xmlns="http://www.w3.org/2005/Atom""#, with: "")
        }
        return """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title type="text">Partitions</title>
            <id>https://myns.servicebus.windows.net/\(hub)/consumergroups/$Default/partitions?api-version=2015-01</id>
            \(items.joined(separator: "\n"))
            </feed>
            """
    }

    static let emptyFeed = """
        <feed xmlns="http://www.w3.org/2005/Atom"><title type="text">Publicly Listed Services</title>\
        <subtitle type="text">This is the list of publicly-listed services currently available.</subtitle>\
        <id>uuid:6a5d5c2e-1d3b-4a43-9d7c-3c6a0e1d2f3a;id=1</id><updated>2025-11-22T10:00:00Z</updated>\
        <generator>Service Bus 1.1</generator></feed>
        """

    static func error(_ code: Int, _ detail: String) -> String {
        "<Error><Code>\(code)</Code><Detail>\(detail)</Detail></Error>"
    }
}
