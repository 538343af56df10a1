import Foundation

/// Lambda Invoke, asynchronous (`InvocationType: Event`): hand work to a function and move on.
/// REST-JSON.
///
/// API: https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
package struct LambdaClient: Sendable {
    package enum InvocationType: String, Sendable {
        /// Queued; Lambda answers 202 at once.
        case event = "Event"
        /// Validates parameters and permissions only; 204.
        case dryRun = "DryRun"
        /// Waits for the result; 200 with the payload.
        case requestResponse = "RequestResponse"
    }

    /// The status and, for `RequestResponse`, the function's answer.
    package struct Invocation: Sendable, Equatable {
        package var statusCode: Int
        package var payload: [UInt8]
        package var functionError: String?
    }

    package let client: AWSClient

    package init(client: AWSClient) { self.client = client }

    /// Invokes `function` (a name or ARN) with a JSON payload.
    @discardableResult
    package func invoke(function: String, payload: [UInt8], type: InvocationType = .event, qualifier: String? = nil) async throws -> Invocation {
        var request = AWSRequest(
            method: "POST", path: "/2015-03-31/functions/\(URIEncoding.encode(function))/invocations",
            headers: [("Content-Type", "application/json"), ("X-Amz-Invocation-Type", type.rawValue)], body: payload
        )
        if let qualifier { request.query = [("Qualifier", qualifier)] }
        let response = try await client.send(request, to: .lambda, operation: "Invoke")
        return Invocation(statusCode: response.status, payload: response.body, functionError: response.header("X-Amz-Function-Error"))
    }
}
