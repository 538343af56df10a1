import Foundation
import HTTPTypes
import Hummingbird
import KlaxonChatOps
import NIOCore
import NIOFoundationCompat

/// `POST /discord/interactions`, `POST /slack/commands`, `POST /slack/interactions`: read the
/// headers and the raw body (signatures cover the exact bytes) and hand them to the endpoint.
package enum ChatOpsRoutes {
    static let discordSignature = HTTPField.Name(DiscordVerifier.signatureHeader)!
    static let discordTimestamp = HTTPField.Name(DiscordVerifier.timestampHeader)!
    static let slackSignature = HTTPField.Name(SlackVerifier.signatureHeader)!
    static let slackTimestamp = HTTPField.Name(SlackVerifier.timestampHeader)!

    package static func add(to router: Hummingbird.Router<BasicRequestContext>, endpoint: ChatOpsEndpoint) {
        if endpoint.discord != nil {
            router.post("/discord/interactions") { request, _ -> Response in
                guard let body = try await collect(request) else { return tooLarge }
                let reply = await endpoint.discordInteraction(
                    signature: request.headers[discordSignature], timestamp: request.headers[discordTimestamp], body: body)
                return response(reply)
            }
        }
        if endpoint.slack != nil {
            for (path, interaction) in [("/slack/commands", false), ("/slack/interactions", true)] {
                router.post(RouterPath(path)) { request, _ -> Response in
                    guard let body = try await collect(request) else { return tooLarge }
                    let reply = await endpoint.slackRequest(
                        signature: request.headers[slackSignature], timestamp: request.headers[slackTimestamp], body: body,
                        interaction: interaction)
                    return response(reply)
                }
            }
        }
    }

    static func collect(_ request: Request) async throws -> Data? {
        var request = request
        do {
            return Data(buffer: try await request.collectBody(upTo: ChatOpsEndpoint.bodyLimit))
        } catch is NIOTooManyBytesError {
            return nil
        }
    }

    static var tooLarge: Response {
        response(IntakeEndpoint.Reply(status: 413, body: #"{"error":"body larger than the chat limit"}"#))
    }

    static func response(_ reply: IntakeEndpoint.Reply) -> Response {
        var headers = HTTPFields()
        if !reply.body.isEmpty { headers[.contentType] = "application/json" }
        return Response(status: HTTPResponse.Status(code: reply.status), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: reply.body)))
    }
}
