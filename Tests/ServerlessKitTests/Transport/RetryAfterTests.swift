import Foundation
import Testing
@testable import ServerlessIO

/// The examples are RFC 9110's own (sections 5.6.7 and 10.2.3).
@Suite struct RetryAfterTests {
    /// Sun, 06 Nov 1994 08:49:37 GMT.
    let rfcInstant = Date(timeIntervalSince1970: 784_111_777)

    @Test(arguments: ["Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"])
    func readsAllThreeHTTPDateForms(text: String) {
        #expect(RetryAfter.httpDate(text) == rfcInstant)
    }

    @Test func deltaSeconds() {
        #expect(RetryAfter.delay("120") == .seconds(120))
        #expect(RetryAfter.delay(" 0 ") == .zero)
    }

    @Test func dateIsMeasuredFromNow() {
        let now = Date(timeIntervalSince1970: 946_684_799 - 10)  // ten seconds before the example date
        #expect(RetryAfter.delay("Fri, 31 Dec 1999 23:59:59 GMT", now: now) == .seconds(10))
    }

    @Test func pastDateMeansNoWait() {
        #expect(RetryAfter.delay("Fri, 31 Dec 1999 23:59:59 GMT", now: Date()) == .zero)
    }

    @Test(arguments: [nil, "", "soon", "-5", "1.5", "Fri, 31 Dec 1999"])
    func unreadableValuesAreIgnored(text: String?) {
        #expect(RetryAfter.delay(text) == nil)
    }
}
