import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// Deliveries over HTTP/1.1 with SwiftNIO, on connections kept open between deliveries (a
/// subscriber receives its events one after another, so one connection carries them all);
/// `https://` destinations go through Foundation's URL loading, which brings TLS.
public final class HTTPTransport: WebhookTransport, Sendable {
    let secure = URLSessionTransport()
    let group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    /// Open connections not in use, by `host:port`.
    let idle = NIOLockedValueBox<[String: [any Channel]]>([:])

    public init() {}

    struct Timeout: Error {}

    public func post(_ url: URL, headers: [(name: String, value: String)], body: [UInt8], timeout: Duration) async -> WebhookAttempt {
        guard url.scheme?.lowercased() == "http", let host = url.host else {
            return await secure.post(url, headers: headers, body: body, timeout: timeout)
        }
        let port = url.port ?? 80
        let key = "\(host):\(port)"
        let nanoseconds = timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
        let channel: any Channel
        if let open = take(key) {
            channel = open
        } else {
            do {
                channel = try await ClientBootstrap(group: group)
                    .connectTimeout(.nanoseconds(nanoseconds))
                    .channelInitializer { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHTTPClientHandlers()
                            try channel.pipeline.syncOperations.addHandler(DeliveryHandler())
                        }
                    }
                    .connect(host: host, port: port).get()
            } catch {
                return .failed(Self.describe(error))
            }
        }
        var fields = HTTPHeaders()
        fields.add(name: "Host", value: url.port.map { "\(host):\($0)" } ?? host)
        for header in headers { fields.add(name: header.name, value: header.value) }
        fields.add(name: "Content-Length", value: String(body.count))
        let path = url.path.isEmpty ? "/" : url.path + (url.query.map { "?" + $0 } ?? "")
        let head = HTTPRequestHead(version: .http1_1, method: .POST, uri: path, headers: fields)
        let answer = channel.eventLoop.makePromise(of: Int.self)
        // The answer, or the timeout, whichever comes first; the loser finds it settled.
        let outcome = channel.eventLoop.makePromise(of: WebhookAttempt.self)
        let settled = NIOLockedValueBox(false)
        let settle: @Sendable (WebhookAttempt) -> Void = { attempt in
            if settled.withLockedValue({ done in
                defer { done = true }
                return !done
            }) {
                outcome.succeed(attempt)
            }
        }
        let seconds = Double(nanoseconds) / 1e9
        let timer = channel.eventLoop.scheduleTask(in: .nanoseconds(nanoseconds)) {
            settle(.failed("no answer within \(seconds.formatted()) s"))
            channel.close(promise: nil)
        }
        answer.futureResult.whenComplete { result in
            timer.cancel()
            switch result {
            case .success(let status): settle(.answered(status))
            case .failure(let error): settle(.failed(Self.describe(error)))
            }
        }
        channel.writeAndFlush(Delivery(head: head, body: ByteBuffer(bytes: body), answer: answer), promise: nil)
        let attempt = await withTaskCancellationHandler {
            (try? await outcome.futureResult.get()) ?? .failed("no answer")
        } onCancel: {
            channel.close(promise: nil)
        }
        if case .answered = attempt, channel.isActive { give(channel, key) }
        return attempt
    }

    func take(_ key: String) -> (any Channel)? {
        idle.withLockedValue { pool in
            while let channel = pool[key]?.popLast() {
                if channel.isActive { return channel }
            }
            return nil
        }
    }

    func give(_ channel: any Channel, _ key: String) {
        idle.withLockedValue { pool in pool[key, default: []].append(channel) }
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as NIOConnectionError
        where error.connectionErrors.contains(where: { ($0.error as? IOError)?.errnoCode == ECONNREFUSED }):
            return "connection refused"
        case is NIOConnectionError: return "cannot connect"
        case ChannelError.connectTimeout: return "no connection within the timeout"
        case ChannelError.ioOnClosedChannel, ChannelError.alreadyClosed, ChannelError.eof: return "connection closed before an answer"
        default: return "\(error)"
        }
    }
}

/// One request on a connection, and where its status goes.
struct Delivery: Sendable {
    let head: HTTPRequestHead
    let body: ByteBuffer
    let answer: EventLoopPromise<Int>
}

/// Writes a delivery and completes its promise with the answer's status once the answer has
/// been read whole; a connection that fails or closes fails the delivery in flight.
final class DeliveryHandler: ChannelDuplexHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = Delivery
    typealias OutboundOut = HTTPClientRequestPart

    var pending: EventLoopPromise<Int>?
    var status = 0
    var keepAlive = true

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let delivery = unwrapOutboundIn(data)
        pending = delivery.answer
        context.write(wrapOutboundOut(.head(delivery.head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(delivery.body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            status = Int(head.status.code)
            keepAlive = head.isKeepAlive
        case .body:
            break
        case .end:
            let answer = pending
            pending = nil
            if !keepAlive { context.close(promise: nil) }
            answer?.succeed(status)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        pending?.fail(error)
        pending = nil
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        pending?.fail(ChannelError.eof)
        pending = nil
        context.fireChannelInactive()
    }
}
