import Foundation
import Testing
@testable import ServerlessIO

/// Expected values are what CPython's urllib.parse gives.
@Suite struct PercentEncodingTests {
    @Test func blobPathsLikeThePythonSDK() {
        // quote("ns.servicebus.windows.net/hub/$default/checkpoint/0", safe="~/")
        #expect(PercentEncoding.blobPath("ns.servicebus.windows.net/hub/$default/checkpoint/0")
                == "ns.servicebus.windows.net/hub/%24default/checkpoint/0")
        // quote("a b+c?d#e%f~g/é", safe="~/")
        #expect(PercentEncoding.blobPath("a b+c?d#e%f~g/é") == "a%20b%2Bc%3Fd%23e%25f~g/%C3%A9")
    }

    @Test func queryValuesEncodeEverythingButUnreserved() {
        #expect(PercentEncoding.queryValue("ns.servicebus.windows.net/hub/$default/checkpoint/")
                == "ns.servicebus.windows.net%2Fhub%2F%24default%2Fcheckpoint%2F")
        #expect(PercentEncoding.queryValue("2!96!MDAwMDQ2IWNoZWNrcG9pbnQvMCE-+=") == "2%2196%21MDAwMDQ2IWNoZWNrcG9pbnQvMCE-%2B%3D")
    }

    @Test func quotePlus() {
        // quote_plus("https://myns.servicebus.windows.net/my hub")
        #expect(PercentEncoding.quotePlus("https://myns.servicebus.windows.net/my hub")
                == "https%3A%2F%2Fmyns.servicebus.windows.net%2Fmy+hub")
    }

    @Test func decoding() {
        #expect(PercentEncoding.decode("a%2Fb%24c%C3%A9") == "a/b$cé")
        #expect(PercentEncoding.decode("a+b") == "a+b")
        #expect(PercentEncoding.decode("a+b", plusAsSpace: true) == "a b")
        #expect(PercentEncoding.decode("100%") == "100%")
        #expect(PercentEncoding.decode("%zz%4") == "%zz%4")
        #expect(PercentEncoding.decode("%41") == "A")
    }
}

@Suite struct AzureTimeTests {
    @Test func formatsRFC1123() {
        // 2025-11-22T10:00:00Z, the Shared Key vectors' x-ms-date
        #expect(AzureTime.rfc1123(Date(timeIntervalSince1970: 1_763_805_600)) == "Sat, 22 Nov 2025 10:00:00 GMT")
        #expect(AzureTime.rfc1123(Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(AzureTime.rfc1123(Date(timeIntervalSince1970: 951_782_400.75)) == "Tue, 29 Feb 2000 00:00:00 GMT")
    }

    @Test func parsesRFC1123() {
        #expect(AzureTime.parseRFC1123("Wed, 09 Sep 2009 09:20:02 GMT") == Date(timeIntervalSince1970: 1_252_488_002))
        #expect(AzureTime.parseRFC1123("Sat, 22 Nov 2025 10:00:00 GMT") == Date(timeIntervalSince1970: 1_763_805_600))
        #expect(AzureTime.parseRFC1123("2025-11-22T10:00:00Z") == nil)
        #expect(AzureTime.parseRFC1123("Sat, 22 Foo 2025 10:00:00 GMT") == nil)
    }

    @Test func parsesISO8601() throws {
        let base = 1_456_197_747.0 // 2016-02-23T03:22:27Z
        #expect(try #require(AzureTime.parseISO8601("2016-02-23T03:22:27.024Z")).timeIntervalSince1970 - base - 0.024 < 1e-6)
        #expect(AzureTime.parseISO8601("2016-02-23T03:22:27Z") == Date(timeIntervalSince1970: base))
        #expect(AzureTime.parseISO8601("2016-02-23T03:22:27") == Date(timeIntervalSince1970: base))
        #expect(AzureTime.parseISO8601("2016-02-23T04:22:27+01:00") == Date(timeIntervalSince1970: base))
        #expect(try #require(AzureTime.parseISO8601("2016-02-23T03:22:27.0240000Z")).timeIntervalSince1970 - base - 0.024 < 1e-6)
        #expect(AzureTime.parseISO8601("0001-01-01T00:00:00Z") == Date(timeIntervalSince1970: -62_135_596_800))
        #expect(AzureTime.parseISO8601("2016-02-23") == nil)
        #expect(AzureTime.parseISO8601("2016-02-23T03:22:27.Z") == nil)
        #expect(AzureTime.parseISO8601("2016-13-23T03:22:27Z") == nil)
    }
}
