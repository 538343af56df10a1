import Hummingbird
import NIOCore

extension HTTPRoutes {
    /// `POST /webhooks/sns`. SNS signs its messages instead of sending a token, so this route
    /// takes no bearer token; without `sources.sns` it answers 404.
    package static func addSNS(to router: Hummingbird.Router<BasicRequestContext>, endpoint: SNSEndpoint?, bodyLimit: Int) {
        router.post("/webhooks/sns") { request, _ -> Response in
            let requestId = request.headers[requestIdField].flatMap(RequestID.accepting) ?? RequestID.next()
            guard let endpoint else {
                return reply(.init(status: 404, body: #"{"error":"the SNS endpoint is not configured (sources.sns.topics)"}"#), requestId: requestId)
            }
            if let length = request.headers[.contentLength].flatMap(Int.init), length > bodyLimit {
                return reply(tooLarge(bodyLimit), requestId: requestId)
            }
            var request = request
            let body: ByteBuffer
            do {
                body = try await request.collectBody(upTo: bodyLimit)
            } catch is NIOTooManyBytesError {
                return reply(tooLarge(bodyLimit), requestId: requestId)
            }
            return reply(await endpoint.accept(body: body, requestId: requestId), requestId: requestId)
        }
    }
}
