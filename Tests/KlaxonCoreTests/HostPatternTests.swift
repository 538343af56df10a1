import Foundation
import KlaxonCore
import Testing

@Suite("Host patterns")
struct HostPatternTests {
    @Test("The default patterns allow SNS's certificate URLs only", arguments: [
        ("https://sns.us-east-1.amazonaws.com/SimpleNotificationService-a.pem", true),
        ("https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-a.pem", true),
        ("https://SNS.EU-WEST-1.AMAZONAWS.COM/x.pem", true),
        ("https://sns.us-east-1.amazonaws.com:443/x.pem", true),
        ("http://sns.us-east-1.amazonaws.com/x.pem", false),
        ("https://sns.amazonaws.com/x.pem", false),
        ("https://sns.a.b.amazonaws.com/x.pem", false),
        ("https://sns.us-east-1.amazonaws.com.evil.example/x.pem", false),
        ("https://evil.example/sns.us-east-1.amazonaws.com/x.pem", false),
        ("https://sqs.us-east-1.amazonaws.com/x.pem", false),
        ("https://x@sns.us-east-1.amazonaws.com/x.pem", false),
        ("https://sns.us-east-1.amazonaws.com:444/x.pem", false),
        ("ftp://sns.us-east-1.amazonaws.com/x.pem", false),
    ])
    func defaults(url: String, allowed: Bool) throws {
        #expect(HostPattern.snsDefaults.allows(try #require(URL(string: url))) == allowed)
    }

    @Test("A pattern with a scheme and port allows exactly that peer", arguments: [
        ("http://127.0.0.1:4566/x.pem", true),
        ("http://127.0.0.1:4567/x.pem", false),
        ("https://127.0.0.1:4566/x.pem", false),
        ("http://127.0.0.2:4566/x.pem", false),
    ])
    func testPeer(url: String, allowed: Bool) throws {
        let pattern = try #require(HostPattern("http://127.0.0.1:4566"))
        #expect(pattern.allows(try #require(URL(string: url))) == allowed)
    }

    @Test("Unusable patterns are rejected", arguments: ["", "sns.*", "*", "sns.us-*.amazonaws.com", "https://sns.x.com/path", "sns..amazonaws.com", "gopher://x", "x:99999"])
    func invalid(text: String) {
        #expect(HostPattern(text) == nil)
    }
}
