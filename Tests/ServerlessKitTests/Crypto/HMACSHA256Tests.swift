import Testing
@testable import ServerlessIO
@testable import ServerlessSupport

/// RFC 4231 test cases (case 5 is a truncated output and is left out).
@Suite struct HMACSHA256Tests {
    func hmac(_ key: [UInt8], _ data: [UInt8]) -> String {
        HMACSHA256.authenticationCode(key: key, message: data).hexString
    }

    @Test func rfc4231Case1() {
        #expect(hmac([UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8))
                == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
    }

    @Test func rfc4231Case2ShortKey() {
        #expect(hmac(Array("Jefe".utf8), Array("what do ya want for nothing?".utf8))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func rfc4231Case3() {
        #expect(hmac([UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50))
                == "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe")
    }

    @Test func rfc4231Case4() {
        #expect(hmac(Array(1...25), [UInt8](repeating: 0xcd, count: 50))
                == "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b")
    }

    @Test func rfc4231Case6KeyLongerThanBlock() {
        #expect(hmac([UInt8](repeating: 0xaa, count: 131),
                     Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8))
                == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    @Test func rfc4231Case7() {
        let data = "This is a test using a larger than block-size key and a larger than block-size data. "
            + "The key needs to be hashed before being used by the HMAC algorithm."
        #expect(hmac([UInt8](repeating: 0xaa, count: 131), Array(data.utf8))
                == "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2")
    }

    @Test func emptyKeyAndMessageWork() {
        // Python: hmac.new(b"", b"", sha256).hexdigest()
        #expect(hmac([], []) == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
    }

    /// azure-storage-node's Shared Key test vector (test/common/sharedkey-tests.js): HMAC + base64 only.
    @Test func storageNodeSharedKeyVector() throws {
        let key = try Base64.decode("Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==")
        let stringToSign = "GET\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:Fri, 23 Sep 2011 01:37:34 GMT\nx-ms-version:2018-03-28\n/devstoreaccount1container\nrestype:container"
        #expect(Base64.encode(HMACSHA256.authenticationCode(key: key, message: stringToSign))
                == "oLMszNt2eVud2V8sP9MlxQFMIX6R3ofUaOsyI6DwnJQ=")
    }
}
