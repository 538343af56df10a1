import Foundation

/// Reads the AWS error code and message out of an error answer, for each wire protocol.
///
/// JSON protocols put the code in `x-amzn-ErrorType` or the body's `__type` (possibly as
/// `namespace#Code` or `Code:http://…`); query and REST-XML put it in `<Error><Code>`.
enum AWSErrorParser {
    static func parse(_ response: AWSResponse, service: AWSService, operation: String) -> AWSError {
        var code: String?
        var message: String?
        var requestID = response.requestID
        // Read the body by what it is, not by the protocol: front ends (and moto's auth layer)
        // answer XML even for JSON services.
        let first = response.body.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        if first == UInt8(ascii: "{"), let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] {
            code = (object["__type"] as? String) ?? (object["code"] as? String) ?? (object["Code"] as? String)
            message = (object["message"] as? String) ?? (object["Message"] as? String) ?? (object["errorMessage"] as? String)
        } else if first == UInt8(ascii: "<"), let root = try? XMLNode.parse(response.body) {
            code = root.first("Code")?.text
            message = root.first("Message")?.text
            requestID = requestID ?? root.first("RequestId")?.text
        }
        if code == nil || service.wireProtocol.isJSON, let header = response.header("x-amzn-ErrorType") { code = header }
        let cleaned = code.map(clean)
        let fallback = cleaned ?? (response.status == 404 ? "NotFound" : "HTTP\(response.status)")
        return AWSError(
            reason: .service, code: fallback,
            message: message.map { String($0.prefix(500)) } ?? "the service answered HTTP \(response.status)",
            statusCode: response.status, requestID: requestID, service: service.signingName, operation: operation
        )
    }

    /// `aws.protocoltests#Code`, `Code:http://internal.amazon.com/…` → `Code`.
    static func clean(_ raw: String) -> String {
        var code = Substring(raw)
        if let colon = code.firstIndex(of: ":") { code = code[..<colon] }
        if let hash = code.lastIndex(of: "#") { code = code[code.index(after: hash)...] }
        return code.trimmingCharacters(in: .whitespaces)
    }
}

extension AWSService.WireProtocol {
    var isJSON: Bool {
        switch self {
        case .awsJSON, .restJSON: true
        case .query, .restXML: false
        }
    }
}
