extension AWSClient {
    /// Calls an AWS query protocol operation: a form body `Action=…&Version=…&…`, an XML answer.
    /// Returns the `<OperationResult>` element (or the root when there is none).
    ///
    /// Spec: https://smithy.io/2.0/aws/protocols/aws-query-protocol.html
    package func query(_ service: AWSService, _ operation: String, _ parameters: [(String, String)]) async throws -> XMLNode {
        guard case .query(let apiVersion) = service.wireProtocol else {
            preconditionFailure("\(service.sdkID) does not speak the query protocol")
        }
        let form = URIEncoding.formBody([("Action", operation), ("Version", apiVersion)] + parameters)
        let request = AWSRequest(
            method: "POST", path: "/",
            headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
            body: Array(form.utf8)
        )
        let response = try await send(request, to: service, operation: operation)
        do {
            let root = try XMLNode.parse(response.body)
            return root.child("\(operation)Result") ?? root
        } catch var error as AWSError {
            error.service = service.signingName
            error.operation = operation
            error.requestID = response.requestID
            throw error
        }
    }
}
