import Foundation

/// An operation input or output with no members.
package struct AWSEmpty: Codable, Sendable, Equatable {
    package init() {}
}

extension AWSClient {
    /// Calls an awsJson 1.0/1.1 operation: `POST /` with `X-Amz-Target`, JSON in and out.
    ///
    /// Spec: https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html
    package func json<Output: Decodable>(_ service: AWSService, _ operation: String, _ input: some Encodable, as output: Output.Type = Output.self) async throws -> Output {
        guard case .awsJSON(let version, let targetPrefix) = service.wireProtocol else {
            preconditionFailure("\(service.sdkID) does not speak awsJson")
        }
        let body: [UInt8]
        do {
            body = Array(try JSONEncoder().encode(input))
        } catch {
            throw AWSError(reason: .configuration, message: "cannot encode the \(operation) input as JSON", service: service.signingName, operation: operation)
        }
        let request = AWSRequest(
            method: "POST", path: "/",
            headers: [("Content-Type", "application/x-amz-json-\(version)"), ("X-Amz-Target", "\(targetPrefix).\(operation)")],
            body: body
        )
        let response = try await send(request, to: service, operation: operation)
        return try Self.decodeJSON(Output.self, response, service: service, operation: operation)
    }

    static func decodeJSON<Output: Decodable>(_ type: Output.Type, _ response: AWSResponse, service: AWSService, operation: String) throws -> Output {
        let bytes = response.body.isEmpty ? Array("{}".utf8) : response.body
        do {
            return try JSONDecoder().decode(Output.self, from: Data(bytes))
        } catch {
            throw AWSError(reason: .decoding, message: "cannot read the \(operation) answer: \(error)", statusCode: response.status, requestID: response.requestID, service: service.signingName, operation: operation)
        }
    }
}
