import Foundation
import Testing
@testable import ServerlessIO

/// A List Blobs page whose `Last-Modified` or `Creation-Time` carries a huge year crashed the plugin
/// (Int64 overflow in the day arithmetic); a five-digit year printed an ISO 8601 time that does not
/// read back (found by the AzureTime target).
@Suite struct AzureTimeFuzzFindingsTests {
    @Test(arguments: ["Wed, 09 Sep 9223372036854775807 09:20:02 GMT", "Wed, 09 Sep -9223372036854775808 09:20:02 GMT",
                      "Sat, 22 Nov 20259 09:59:58 GMT", "Sat, 22 Nov -1 09:59:58 GMT"])
    func refusesYearsBeyondFourDigits(_ text: String) {
        #expect(AzureTime.parseRFC1123(text) == nil)
    }

    @Test func stillReadsTheDocumentedExample() {
        #expect(AzureTime.parseRFC1123("Wed, 09 Sep 2009 09:20:02 GMT") == Date(timeIntervalSince1970: 1_252_488_002))
        #expect(AzureTime.parseRFC1123("Mon, 01 Jan 0001 00:00:00 GMT") == Date(timeIntervalSince1970: -62_135_596_800))
    }

    @Test func aListBlobsPageWithAHugeYearKeepsTheBlob() throws {
        let body = "<EnumerationResults><Blobs><Blob><Name>ns/hub/$default/checkpoint/0</Name><Properties>"
            + "<Last-Modified>Wed, 09 Sep 9223372036854775807 09:20:02 GMT</Last-Modified>"
            + "<Creation-Time>Wed, 09 Sep 2009 09:20:02 GMT</Creation-Time></Properties></Blob></Blobs></EnumerationResults>"
        let page = try ListBlobsPageParser.parse(Array(body.utf8), source: "test")
        #expect(page.blobs.map(\.name) == ["ns/hub/$default/checkpoint/0"])
        #expect(page.blobs.first?.properties.lastModified == nil)
        #expect(page.blobs.first?.properties.creationTime == Date(timeIntervalSince1970: 1_252_488_002))
    }
}
