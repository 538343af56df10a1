import Foundation

/// Which `response_url`s Klaxon posts follow-ups to. The URL arrives inside a signed body, but a
/// signature only says the request came from Slack's app — so Klaxon still posts only where Slack's
/// own response URLs live (`https://hooks.slack.com/`), unless the configuration allows more
/// (`chatops.slack.response_url_prefixes`, e.g. a loopback stand-in in tests).
///
/// A prefix is compared by parts, not as text: the scheme and host must be equal (so
/// `https://hooks.slack.com.evil.example/` or `https://hooks.slack.com@evil.example/` do not
/// pass), the port too when the prefix names one, and the path must start with the prefix's path.
package struct SlackResponseURLPolicy: Sendable, Equatable {
    package static let slackHooks = "https://hooks.slack.com/"

    package let prefixes: [String]

    package init(prefixes: [String] = [SlackResponseURLPolicy.slackHooks]) {
        self.prefixes = prefixes
    }

    /// Whether a follow-up may be posted to `url`.
    package func allows(_ url: String) -> Bool {
        guard let target = URLComponents(string: url), let host = target.host?.lowercased(), !host.isEmpty,
              target.user == nil, target.password == nil
        else { return false }
        return prefixes.contains { prefix in
            guard let allowed = URLComponents(string: prefix), let allowedHost = allowed.host?.lowercased() else { return false }
            return target.scheme?.lowercased() == allowed.scheme?.lowercased() && host == allowedHost
                && (allowed.port == nil || allowed.port == target.port)
                && target.path.hasPrefix(allowed.path.isEmpty ? "/" : allowed.path)
        }
    }

    /// A prefix the configuration may hold: an http(s) URL with a host, no user or password,
    /// whose path ends with `/` (so `…/commands` cannot match `…/commandsX`).
    package static func isValidPrefix(_ prefix: String) -> Bool {
        guard let components = URLComponents(string: prefix), let scheme = components.scheme?.lowercased(),
              scheme == "https" || scheme == "http", let host = components.host, !host.isEmpty,
              components.user == nil, components.password == nil, components.query == nil, components.fragment == nil
        else { return false }
        return components.path.isEmpty || components.path.hasSuffix("/")
    }
}
