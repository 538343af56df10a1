import Foundation
import KlaxonCore
import Yams

extension ConfigLoader {
    static let gitHubKeys = ["api_url", "repo", "app_id", "installation_id", "comment_interval", "timeout", "template"]
        + ConfigReader.secretKeys("token") + ConfigReader.secretKeys("private_key") + ConfigReader.secretKeys("webhook_secret")

    /// `repo` is `owner/name`; exactly one of a token or the app triple (`app_id`,
    /// `installation_id`, `private_key[_file|_env]`); a PEM private key; `template:` overrides
    /// checked like the chat receivers'.
    static func readGitHub(_ map: ConfigMapping, reader: ConfigReader) -> GitHubReceiverConfig? {
        let issuesBefore = reader.issues.count
        var apiURL = GitHubReceiverConfig.defaultAPIURL
        if let text = reader.nonEmptyString(map, "api_url") {
            if isHTTPURL(text) {
                apiURL = text.hasSuffix("/") ? String(text.dropLast()) : text
            } else {
                reader.report(map.path("api_url"), "not an http(s) URL", at: map["api_url"])
            }
        }
        var repo: String?
        if let text = reader.nonEmptyString(map, "repo") {
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_."))
            if parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.unicodeScalars.allSatisfy { allowed.contains($0) } }) {
                repo = text
            } else {
                reader.report(map.path("repo"), "expected owner/name, got \"\(text)\"", at: map["repo"])
            }
        } else if !map.has("repo") {
            reader.report(map.path("repo"), "missing required key", at: map.node)
        }
        let auth = readGitHubAuth(map, reader: reader)
        let interval = reader.duration(map, "comment_interval") ?? GitHubReceiverConfig.defaultCommentInterval
        let timeout = reader.duration(map, "timeout") ?? GitHubReceiverConfig.defaultTimeout
        let webhookSecret = reader.secret(map, "webhook_secret", required: false)
        let template = readTemplate(map, parts: GitHubReceiverConfig.templateParts, reader: reader)
        guard let repo, let auth, reader.issues.count == issuesBefore else { return nil }
        return GitHubReceiverConfig(apiURL: apiURL, repo: repo, auth: auth, commentInterval: interval, webhookSecret: webhookSecret, timeout: timeout,
                                    template: template)
    }

    private static func readGitHubAuth(_ map: ConfigMapping, reader: ConfigReader) -> GitHubReceiverConfig.Auth? {
        let tokenGiven = ConfigReader.secretKeys("token").contains(where: map.has)
        let appKeys = ["app_id", "installation_id"] + ConfigReader.secretKeys("private_key")
        let appGiven = appKeys.contains(where: map.has)
        switch (tokenGiven, appGiven) {
        case (true, true):
            reader.report(map.path, "give either token (token_env, token_file) or app_id + installation_id + private_key_file, not both", at: map.node)
            return nil
        case (false, false):
            reader.report(map.path("token"), "missing authentication: token_env (a fine-grained token) or app_id + installation_id + private_key_file", at: map.node)
            return nil
        case (true, false):
            return reader.secret(map, "token", required: true).map(GitHubReceiverConfig.Auth.token)
        case (false, true):
            let appId = positiveID(map, "app_id", reader: reader)
            let installationId = positiveID(map, "installation_id", reader: reader)
            let key = reader.secret(map, "private_key", required: true)
            if let key, key.reference == nil, !(key.value.contains("-----BEGIN") && key.value.contains("PRIVATE KEY-----")) {
                let form = ConfigReader.secretKeys("private_key").first(where: map.has) ?? "private_key"
                reader.report(map.path(form), "expected a PEM private key (-----BEGIN RSA PRIVATE KEY----- or -----BEGIN PRIVATE KEY-----)", at: map[form])
                return nil
            }
            guard let appId, let installationId, let key else { return nil }
            return .app(appId: appId, installationId: installationId, privateKey: key)
        }
    }

    /// A required numeric id (GitHub app and installation ids are positive integers).
    private static func positiveID(_ map: ConfigMapping, _ key: String, reader: ConfigReader) -> String? {
        guard map.has(key) else {
            reader.report(map.path(key), "missing required key (app authentication needs app_id, installation_id and private_key_file)", at: map.node)
            return nil
        }
        return reader.int(map, key, minimum: 1).map(String.init)
    }
}
