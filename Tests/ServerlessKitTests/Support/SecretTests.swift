import Testing
@testable import ServerlessSupport

@Suite struct SecretTests {
    @Test func neverPrintsItsValue() {
        let secret = Secret("canary-KEY-0123456789")
        #expect(!"\(secret)".contains("canary"))
        #expect(!String(reflecting: secret).contains("canary"))
        var dumped = ""
        dump(secret, to: &dumped)
        #expect(!dumped.contains("canary"))
        #expect(secret.value == "canary-KEY-0123456789")
    }
}
