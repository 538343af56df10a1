import Foundation

/// The JSON the container credentials endpoint and IMDS answer with:
/// `AccessKeyId`, `SecretAccessKey`, `Token`, `Expiration` (ISO 8601).
struct TemporaryCredentialsDocument: Decodable {
    var AccessKeyId: String
    var SecretAccessKey: String
    var Token: String?
    var Expiration: String?
    var Code: String?

    func credentials(source: String) throws -> AWSCredentials {
        if let Code, Code != "Success" {
            throw AWSError.credentials("\(source) answered with code \(Code)")
        }
        var expiration: Date?
        if let Expiration {
            expiration = Self.parseDate(Expiration)
            if expiration == nil { throw AWSError.credentials("\(source) gave an Expiration that is not an ISO 8601 date") }
        }
        return AWSCredentials(accessKeyID: AccessKeyId, secretAccessKey: SecretAccessKey, sessionToken: Token, expiration: expiration, source: source)
    }

    static func parseDate(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }

    static func decode(_ bytes: [UInt8], source: String) throws -> AWSCredentials {
        let document: TemporaryCredentialsDocument
        do {
            document = try JSONDecoder().decode(TemporaryCredentialsDocument.self, from: Data(bytes))
        } catch {
            throw AWSError.credentials("\(source) answered with something that is not a credentials document")
        }
        return try document.credentials(source: source)
    }
}
