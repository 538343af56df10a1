import Foundation
import Hummingbird
import _CryptoExtras

extension GitHubStandIn {
    static let issueFields: Set<String> = ["title", "body", "assignee", "milestone", "labels", "assignees", "type"]

    func handle(method: String, path: String, headers: [String: String], body: Data) -> Response {
        if headers["user-agent"]?.isEmpty ?? true { return violation(403, "\(method) \(path): no User-Agent header") }
        let accept = headers["accept"] ?? ""
        guard accept.contains("application/vnd.github+json") || accept.contains("application/vnd.github.v3+json") else {
            return violation(415, "\(method) \(path): Accept is \"\(accept)\", not application/vnd.github+json")
        }
        let parts = path.split(separator: "/").map(String.init)
        if method == "POST", parts.count == 4, parts[0] == "app", parts[1] == "installations", parts[3] == "access_tokens" {
            return accessToken(installation: parts[2], authorization: headers["authorization"])
        }
        guard authorized(headers["authorization"]) else { return violation(401, "\(method) \(path): missing or unknown credentials") }
        let prefix = ["repos"] + repo.split(separator: "/").map(String.init)
        guard parts.count >= 4, Array(parts.prefix(3)) == prefix, parts[3] == "issues" else {
            return violation(404, "\(method) \(path): not a route of repository \(repo)")
        }
        if method != "GET", !(headers["content-type"] ?? "").hasPrefix("application/json") {
            return violation(415, "\(method) \(path): Content-Type is not application/json")
        }
        let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
        switch (method, parts.count) {
        case ("POST", 4):
            guard let object else { return violation(400, "create issue: body is not a JSON object") }
            return createIssue(object)
        case ("POST", 6) where parts[5] == "comments":
            guard let number = Int(parts[4]), let object else { return violation(400, "comment: bad issue number or body") }
            return comment(number: number, object)
        case ("PATCH", 5):
            guard let number = Int(parts[4]), let object else { return violation(400, "update issue: bad issue number or body") }
            return update(number: number, object)
        default:
            return violation(404, "\(method) \(path): not a route the stand-in knows")
        }
    }

    func authorized(_ header: String?) -> Bool {
        guard let header else { return false }
        let parts = header.split(separator: " ", maxSplits: 1).map(String.init)
        guard parts.count == 2, ["bearer", "token"].contains(parts[0].lowercased()) else { return false }
        let token = parts[1]
        if let personalToken, token == personalToken { return true }
        return state.withLock { state in
            guard let expires = state.tokens[token] else { return false }
            return expires > now()
        }
    }

    private func accessToken(installation: String, authorization: String?) -> Response {
        guard let app else { return violation(404, "access_tokens: no GitHub App is configured on the stand-in") }
        guard installation == app.installationId else { return violation(404, "access_tokens: unknown installation \(installation)") }
        guard let authorization, authorization.lowercased().hasPrefix("bearer ") else {
            return violation(401, "access_tokens: expected Authorization: Bearer <JWT>")
        }
        let jwt = String(authorization.dropFirst("bearer ".count))
        if let problem = checkJWT(jwt, app: app) { return violation(401, "access_tokens: \(problem)") }
        // Installation tokens have no fixed length: vary it so a client that assumes one fails.
        let issued = state.withLock { $0.issued }
        let token = "ghs_" + String((0..<(36 + issued * 7 % 40)).map { _ in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".randomElement()! })
        let expires = now().addingTimeInterval(3600)
        state.withLock { state in
            state.tokens[token] = expires
            state.issued += 1
        }
        let formatter = ISO8601DateFormatter()
        return Self.json(201, #"{"token":"\#(token)","expires_at":"\#(formatter.string(from: expires))","permissions":{"issues":"write","metadata":"read"},"repository_selection":"selected"}"#)
    }

    /// Why a JWT is not acceptable, or nil.
    func checkJWT(_ jwt: String, app: App) -> String? {
        let parts = jwt.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerData = Self.base64URL(parts[0]), let claimsData = Self.base64URL(parts[1]),
              let signature = Self.base64URL(parts[2])
        else { return "not a JWT" }
        guard let header = (try? JSONSerialization.jsonObject(with: headerData)) as? [String: Any], header["alg"] as? String == "RS256" else {
            return "the JWT header's alg is not RS256"
        }
        let signingInput = Data("\(parts[0]).\(parts[1])".utf8)
        guard app.publicKey.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: signature), for: signingInput, padding: .insecurePKCS1v1_5) else {
            return "the JWT's RS256 signature does not verify with the app's public key"
        }
        guard let claims = (try? JSONSerialization.jsonObject(with: claimsData)) as? [String: Any],
              let iat = (claims["iat"] as? NSNumber)?.doubleValue, let exp = (claims["exp"] as? NSNumber)?.doubleValue
        else { return "the JWT has no numeric iat and exp" }
        let iss = (claims["iss"] as? NSNumber)?.stringValue ?? claims["iss"] as? String
        guard iss == app.appId else { return "the JWT's iss is not the app id" }
        let current = now().timeIntervalSince1970
        guard iat <= current + 1 else { return "the JWT's iat is in the future" }
        guard exp > current else { return "the JWT has expired" }
        guard exp - current <= 600 else { return "the JWT's exp is more than 10 minutes ahead" }
        return nil
    }

    private func createIssue(_ object: [String: Any]) -> Response {
        let unknown = Set(object.keys).subtracting(Self.issueFields)
        guard unknown.isEmpty else { return violation(422, "create issue: fields GitHub does not document: \(unknown.sorted())") }
        guard let title = object["title"] as? String, !title.isEmpty else { return violation(422, "create issue: title is missing") }
        guard title.count <= 256 else { return violation(422, "create issue: title has \(title.count) characters (at most 256)") }
        let body = object["body"] as? String ?? ""
        guard body.count <= 65_536 else { return violation(422, "create issue: body has \(body.count) characters (at most 65536)") }
        var labels: [String] = []
        if let given = object["labels"] {
            guard let list = given as? [String] else { return violation(422, "create issue: labels must be a list of strings") }
            guard list.allSatisfy({ !$0.isEmpty && $0.count <= 50 }) else { return violation(422, "create issue: a label is empty or over 50 characters") }
            labels = list
        }
        let number = state.withLock { state -> Int in
            let number = (state.issues.keys.max() ?? 0) + 1
            state.issues[number] = Issue(number: number, title: title, body: body, labels: labels, state: "open", stateReason: nil, comments: [])
            return number
        }
        let escapedTitle = String(decoding: (try? JSONSerialization.data(withJSONObject: [title])) ?? Data("[\"\"]".utf8), as: UTF8.self).dropFirst().dropLast()
        return Self.json(201, #"{"url":"https://api.github.com/repos/\#(repo)/issues/\#(number)","html_url":"https://github.com/\#(repo)/issues/\#(number)","id":\#(1000 + number),"number":\#(number),"title":\#(escapedTitle),"state":"open","locked":false,"comments":0,"state_reason":null}"#)
    }

    private func comment(number: Int, _ object: [String: Any]) -> Response {
        guard let text = object["body"] as? String, !text.isEmpty else { return violation(422, "comment: body is missing") }
        guard text.count <= 65_536 else { return violation(422, "comment: body has \(text.count) characters (at most 65536)") }
        guard Set(object.keys) == ["body"] else { return violation(422, "comment: only body is accepted") }
        let id: Int? = state.withLock { state in
            guard state.issues[number] != nil else { return nil }
            state.issues[number]?.comments.append(text)
            return state.issues.values.reduce(0) { $0 + $1.comments.count }
        }
        guard let id else { return violation(404, "comment: issue \(number) does not exist") }
        return Self.json(201, #"{"id":\#(id),"html_url":"https://github.com/\#(repo)/issues/\#(number)#issuecomment-\#(id)"}"#)
    }

    private func update(number: Int, _ object: [String: Any]) -> Response {
        let allowed: Set<String> = ["title", "body", "state", "state_reason", "labels", "assignees", "milestone"]
        guard Set(object.keys).isSubset(of: allowed) else { return violation(422, "update issue: unknown fields") }
        let newState = object["state"] as? String
        if let newState, !["open", "closed"].contains(newState) { return violation(422, "update issue: state must be open or closed") }
        let reason = object["state_reason"] as? String
        if let reason, !["completed", "not_planned", "reopened"].contains(reason) { return violation(422, "update issue: bad state_reason") }
        let found: Bool = state.withLock { state in
            guard state.issues[number] != nil else { return false }
            if let newState { state.issues[number]?.state = newState }
            if let reason { state.issues[number]?.stateReason = reason }
            return true
        }
        guard found else { return violation(404, "update issue: issue \(number) does not exist") }
        return Self.json(200, #"{"number":\#(number),"state":"\#(newState ?? "open")","state_reason":\#(reason.map { "\"\($0)\"" } ?? "null")}"#)
    }

    /// Revokes every installation token issued so far (as GitHub does when an app is reinstalled).
    package func revokeTokens() {
        state.withLock { $0.tokens.removeAll() }
    }

    /// Closes an issue as a person would in GitHub's web UI (no API request is recorded).
    package func closeByHand(_ number: Int) {
        state.withLock { state in
            state.issues[number]?.state = "closed"
            state.issues[number]?.stateReason = "completed"
        }
    }

    static func base64URL(_ text: some StringProtocol) -> Data? {
        var base = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base.count % 4 != 0 { base += "=" }
        return Data(base64Encoded: base)
    }
}
