import Foundation
import KlaxonCore
import Testing

@Suite("Hex: the one hex codec")
struct HexTests {
    @Test("encode and decode", arguments: [
        ([UInt8](), ""), ([0x00], "00"), ([0x0f, 0xf0], "0ff0"), ([0xde, 0xad, 0xbe, 0xef], "deadbeef"),
    ])
    func roundTrip(_ bytes: [UInt8], _ text: String) {
        #expect(Hex.encode(bytes) == text)
        #expect(bytes.hexString == text)
        #expect(Hex.decode(text) == bytes)
        #expect(Hex.decode(text.uppercased()) == bytes)
    }

    @Test("refused hex", arguments: ["0", "zz", "0g", "abc", " 00"])
    func refused(_ text: String) {
        #expect(Hex.decode(text) == nil)
    }

    /// The fingerprint hash is lower-case hex of SHA-256, 64 digits.
    @Test func fingerprintsAreHex() {
        let hash = Fingerprint.hash("x")
        #expect(hash.count == 64)
        #expect(Hex.decode(hash)?.count == 32)
        #expect(hash == "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881")
    }
}
