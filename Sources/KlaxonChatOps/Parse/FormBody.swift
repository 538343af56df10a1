import Foundation

/// `application/x-www-form-urlencoded` bodies (`a=1&b=two+words`), as Slack sends them.
package enum FormBody {
    package static func parse(_ body: Data) throws(ChatParseError) -> [String: String] {
        guard let text = String(data: body, encoding: .utf8) else { throw ChatParseError(.notForm) }
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]) else { throw ChatParseError(.notForm) }
            let value = parts.count > 1 ? decode(parts[1]) : ""
            guard let value else { throw ChatParseError(.notForm) }
            fields[name] = value
        }
        return fields
    }

    private static func decode(_ part: Substring) -> String? {
        part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
