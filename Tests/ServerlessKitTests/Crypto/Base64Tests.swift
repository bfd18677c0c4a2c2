import Testing
@testable import ServerlessSupport

/// RFC 4648 §10 test vectors, both ways, and the strictness rules.
@Suite struct Base64Tests {
    static let vectors: [(String, String)] = [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
    ]

    @Test func encodesRFC4648Vectors() {
        for (plain, encoded) in Self.vectors {
            #expect(Base64.encode(Array(plain.utf8)) == encoded)
        }
    }

    @Test func decodesRFC4648Vectors() throws {
        for (plain, encoded) in Self.vectors {
            #expect(try Base64.decode(encoded) == Array(plain.utf8))
        }
    }

    @Test func roundTripsEveryByte() throws {
        let bytes = (0...255).map { UInt8($0) }
        let encoded = Base64.encode(bytes)
        #expect(encoded.contains("+") && encoded.contains("/"))
        #expect(try Base64.decode(encoded) == bytes)
    }

    @Test func decodesTheAzuriteKey() throws {
        let key = try Base64.decode("Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==")
        #expect(key.count == 64)
        #expect(Array(key.prefix(4)) == [0x11, 0xbc, 0xbc, 0xbd])
    }

    @Test func refusesBadInput() {
        #expect(throws: Base64Error.badLength(3)) { try Base64.decode("Zm9") }
        #expect(throws: Base64Error.badCharacter(position: 2)) { try Base64.decode("Zm-v") }
        #expect(throws: Base64Error.badCharacter(position: 2)) { try Base64.decode("Zm v") }
        #expect(throws: Base64Error.misplacedPadding(position: 1)) { try Base64.decode("Z===") }
        #expect(throws: Base64Error.misplacedPadding(position: 2)) { try Base64.decode("Zg==Zm9v") }
        #expect(throws: Base64Error.misplacedPadding(position: 2)) { try Base64.decode("Zg=v") }
        #expect(throws: Base64Error.badLength(9)) { try Base64.decode("Zm9vYmFy\n") }
    }

    @Test func errorTextNeverQuotesTheInput() {
        let error = Base64Error.badCharacter(position: 4)
        #expect(error.description == "it has a character outside the base64 alphabet at position 5")
    }
}
