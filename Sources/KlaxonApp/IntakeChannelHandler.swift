import HTTPTypes
import KlaxonCore
import KlaxonIngest
import NIOCore
import NIOHTTPTypes

/// Serves the ingest routes straight from the channel pipeline, ahead of Hummingbird.
///
/// Hummingbird spends about three times the CPU of a bare NIO handler on a request (the async
/// channel bridge, the conversion to its request type, the task hops; ~40 µs against ~14 µs on
/// these machines), and a one-alert POST does little else. See ADR 0054. This handler sits after the HTTP/1 codec (installed through
/// `HTTP1Channel.Configuration.additionalChannelHandlers`), answers a POST to an ingest path
/// itself through the same ``IntakeEndpoint`` as the Hummingbird routes, and passes every other
/// request on untouched. A request also goes on to Hummingbird when it needs what only the full
/// server does: no `Content-Length` (chunked), a body over the limit (413 after draining it),
/// `Expect: 100-continue`, or `Connection` other than keep-alive.
///
/// One request at a time per connection, in order: while an answer is pending, the handler stops
/// reading and keeps what was already read; while Hummingbird still owes a response, ingest
/// requests go to Hummingbird too, so replies never overtake each other.
final class IntakeChannelHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private struct Request: Sendable {
        var kind: PayloadKind
        var successStatus: Int
        var requestId: String
        var authorization: String?
        var grafanaToken: String?
        var body: ByteBuffer
    }

    private enum State {
        /// Between requests.
        case idle
        /// Hummingbird has the current request.
        case forwarding
        /// Ours: gathering its body.
        case collecting(Request)
        /// Ours: waiting for the inbox's answer.
        case answering
    }

    private let intake: IntakeEndpoint
    private let routes: [String: PayloadKind]
    private var state = State.idle
    /// Requests passed to Hummingbird whose response has not ended yet.
    private var owedByHummingbird = 0
    /// What arrived while an answer was pending, replayed in order after it: reads, and the
    /// events that would otherwise overtake them (the peer half-closing, a parse error of a
    /// later request), so that Hummingbird does not close or answer before our reply is out.
    private enum Held {
        case read(NIOAny)
        case event(Any)
        case error(any Error)
    }

    private var held: [Held] = []
    /// A read was asked for while an answer was pending.
    private var readWanted = false

    init(intake: IntakeEndpoint) {
        self.intake = intake
        self.routes = Dictionary(HTTPRoutes.ingestRoutes.map { ("\($0.path)", $0.kind) }, uniquingKeysWith: { first, _ in first })
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .answering = state {
            held.append(.read(data))
            return
        }
        let part = unwrapInboundIn(data)
        switch (state, part) {
        case (.idle, .head(let head)):
            if owedByHummingbird == 0, let request = take(head, allocator: context.channel.allocator) {
                state = .collecting(request)
            } else {
                owedByHummingbird += 1
                state = .forwarding
                context.fireChannelRead(data)
            }
        case (.collecting(var request), .body(var chunk)):
            state = .idle  // no copy-on-write of the body while it grows
            request.body.writeBuffer(&chunk)
            state = .collecting(request)
        case (.collecting(let request), .end):
            state = .answering
            answer(request, context: context)
        case (.forwarding, .end):
            state = .idle
            context.fireChannelRead(data)
        default:
            context.fireChannelRead(data)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        context.fireChannelReadComplete()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .answering = state, let channelEvent = event as? ChannelEvent, channelEvent == .inputClosed {
            held.append(.event(event))
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if case .answering = state {
            held.append(.error(error))
        } else {
            context.fireErrorCaught(error)
        }
    }

    /// While an answer is pending, reading goes on until something arrives to hold: a client
    /// that waits for its reply (nearly all do) sends nothing meanwhile, and stopping the reads
    /// would cost two `epoll_ctl` calls per request (~3% of the intake's CPU in case (a)) for
    /// nothing. What a pipelining client sends meanwhile is held, and only then reads stop, so
    /// at most one read's worth waits in `held`.
    func read(context: ChannelHandlerContext) {
        if case .answering = state, !held.isEmpty {
            readWanted = true
        } else {
            context.read()
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { owedByHummingbird = max(0, owedByHummingbird - 1) }
        context.write(data, promise: promise)
    }

    /// The request this handler answers itself, or nil to leave it to Hummingbird.
    private func take(_ head: HTTPRequest, allocator: ByteBufferAllocator) -> Request? {
        guard head.method == .post, let target = head.path else { return nil }
        let path = target.firstIndex(of: "?").map { String(target[..<$0]) } ?? target
        guard let kind = routes[path] else { return nil }
        let fields = head.headerFields
        guard let length = fields[.contentLength].flatMap(Int.init), length <= intake.bodyLimit,
              fields[.transferEncoding] == nil, fields[.expect] == nil
        else { return nil }
        if let connection = fields[.connection], connection.lowercased() != "keep-alive" { return nil }
        return Request(
            kind: kind, successStatus: kind == .alertmanagerAPI ? 200 : 202,
            requestId: fields[HTTPRoutes.requestIdField].flatMap(RequestID.accepting) ?? RequestID.next(),
            authorization: fields[.authorization], grafanaToken: fields[HTTPRoutes.grafanaTokenField],
            // Grown as the body arrives: a client that only announces a large body costs nothing.
            body: allocator.buffer(capacity: min(length, 16 << 10)))
    }

    /// Authenticates and appends without entering Swift concurrency when it can: the check of
    /// configured tokens is synchronous, and the inbox's writer calls back once the group holding
    /// this payload committed; the reply is then handed to this channel's event loop. Only a token
    /// given by ARN takes a task (it may have to be fetched).
    private func answer(_ request: Request, context: ChannelHandlerContext) {
        let loop = context.eventLoop
        let bound = NIOLoopBound((self, context), eventLoop: loop)
        let complete: @Sendable (IntakeEndpoint.Reply) -> Void = { reply in
            loop.execute {
                let (handler, context) = bound.value
                handler.respond(reply, requestId: request.requestId, context: context)
            }
        }
        let intake = self.intake
        // The commit of a group this request starts runs on this loop, after the reads of its
        // current tick (see `InboxAppender`): no other thread to wake, and the group holds every
        // request the loop read meanwhile.
        let thread: OfferedThread = { work in loop.execute(work) }
        let accept: @Sendable () -> Void = {
            intake.accept(
                kind: request.kind, body: request.body, requestId: request.requestId, successStatus: request.successStatus,
                offering: thread, completion: complete)
        }
        if let verdict = intake.authenticateGiven(kind: request.kind, authorization: request.authorization, grafanaToken: request.grafanaToken) {
            if let refusal = verdict { return complete(refusal) }
            return accept()
        }
        Task {
            if let refusal = await intake.authenticate(kind: request.kind, authorization: request.authorization, grafanaToken: request.grafanaToken) {
                return complete(refusal)
            }
            accept()
        }
    }

    private func respond(_ reply: IntakeEndpoint.Reply, requestId: String, context: ChannelHandlerContext) {
        var fields: HTTPFields = [HTTPRoutes.requestIdField: requestId, .contentLength: String(reply.body.utf8.count)]
        if !reply.body.isEmpty { fields[.contentType] = "application/json" }
        fields[.server] = "klaxon"
        context.write(wrapOutboundOut(.head(HTTPResponse(status: .init(code: reply.status), headerFields: fields))), promise: nil)
        if !reply.body.isEmpty {
            context.write(wrapOutboundOut(.body(context.channel.allocator.buffer(string: reply.body))), promise: nil)
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        state = .idle
        let replay = held
        held = []
        for item in replay {
            if case .answering = state {
                // Another request of ours from the replay: the rest waits for its answer.
                held.append(item)
                continue
            }
            switch item {
            case .read(let data): channelRead(context: context, data: data)
            case .event(let event): context.fireUserInboundEventTriggered(event)
            case .error(let error): context.fireErrorCaught(error)
            }
        }
        if !replay.isEmpty { context.fireChannelReadComplete() }
        if readWanted {
            if case .answering = state { return }
            readWanted = false
            context.read()
        }
    }
}
