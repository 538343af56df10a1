import KlaxonCore

/// Validates a pre-normalized AlertEvent against schema v1
/// (fixtures/pytorch-alerting-infra/alert-event.schema.json) and says, per field path, what is
/// wrong: `priority: expected P0|P1|P2|P3, got "P5"`, `teams[2]: "a b" does not match …`.
///
/// Differences from the schema, on purpose:
/// - `identity` accepts the schema's `account_id`, `region`, `alarm_id` *and* alerting-infra's
///   `aws_account`, `alarm_arn`, `org_id`, `rule_id`; any other identity key is rejected.
/// - Unknown top-level fields are not errors (the schema says additionalProperties: false):
///   they are reported in ``Report/unknownFields`` and the decoder keeps the payload in
///   `raw_provider`. Klaxon's additions (`resource`, `labels`, `environment`, `defaulted`,
///   `fingerprint`) are checked for type.
/// - Links must be absolute http(s) URLs (the schema's README says so; `format: uri` alone
///   would allow any scheme).
package enum NormalizedAlertValidator {
    /// One problem, at a JSON path (`teams[2]`, `identity.region`).
    package struct Issue: Sendable, Hashable, CustomStringConvertible {
        package var path: String
        package var problem: String
        /// The field is absent (as opposed to present and wrong).
        package var isMissing: Bool
        package var description: String { "\(path): \(problem)" }
    }

    package struct Report: Sendable {
        package var issues: [Issue]
        /// Top-level fields neither the schema nor Klaxon knows.
        package var unknownFields: [String]
    }

    static let identityKeys = ["account_id", "region", "alarm_id", "aws_account", "alarm_arn", "org_id", "rule_id"]
    static let linkKeys = ["runbook_url", "dashboard_url", "source_url", "silence_url"]
    static let knownTopLevel: Set<String> = [
        "schema_version", "source", "state", "title", "description", "summary", "reason", "priority",
        "occurred_at", "teams", "identity", "links", "raw_provider", "resource", "labels", "environment",
        "defaulted", "fingerprint",
    ]
    static let required = ["schema_version", "source", "state", "title", "priority", "occurred_at", "teams", "identity", "links"]

    /// Validates one alert object; `prefix` is put in front of every path (`[3].`).
    package static func validate(_ value: JSONValue, prefix: String = "") -> Report {
        var issues: [Issue] = []
        func issue(_ path: String, _ problem: String, missing: Bool = false) {
            issues.append(Issue(path: prefix + path, problem: problem, isMissing: missing))
        }
        guard case .object(let object) = value else {
            issues.append(Issue(path: prefix.isEmpty ? "(root)" : String(prefix.dropLast()), problem: "expected an object, got \(typeName(value))", isMissing: false))
            return Report(issues: issues, unknownFields: [])
        }
        for field in required where object[field] == nil || object[field]?.isNull == true {
            issue(field, "is required", missing: true)
        }
        if let version = object["schema_version"], !version.isNull {
            switch version {
            case .int(let number):
                if number < 1 { issue("schema_version", "must be at least 1, got \(number)") }
                else if number > 1 { issue("schema_version", "unsupported version \(number) (this Klaxon reads version 1)") }
            case .double(let number) where number == 1: break
            default: issue("schema_version", "expected an integer, got \(typeName(version))")
            }
        }
        checkString(object["source"], "source", min: 1, max: 50, pattern: true, issue)
        checkEnum(object["state"], "state", ["FIRING", "RESOLVED"], issue)
        checkString(object["title"], "title", min: 1, max: SchemaLimits.title, issue)
        checkString(object["description"], "description", max: SchemaLimits.description, issue)
        checkString(object["summary"], "summary", max: SchemaLimits.summary, issue)
        checkString(object["reason"], "reason", max: SchemaLimits.reason, issue)
        checkEnum(object["priority"], "priority", ["P0", "P1", "P2", "P3"], issue)
        if let occurred = object["occurred_at"], !occurred.isNull {
            if case .string(let text) = occurred {
                if Timestamp.parse(text) == nil { issue("occurred_at", "expected an RFC 3339 date-time, got \"\(clip(text, 40))\"") }
            } else {
                issue("occurred_at", "expected a string (RFC 3339 date-time), got \(typeName(occurred))")
            }
        }
        if let teams = object["teams"], !teams.isNull {
            if case .array(let items) = teams {
                if items.isEmpty || items.count > SchemaLimits.maxTeams {
                    issue("teams", "expected 1 to \(SchemaLimits.maxTeams) items, got \(items.count)")
                }
                for (index, item) in items.enumerated() {
                    checkString(item, "teams[\(index)]", min: 1, max: SchemaLimits.teamLength, pattern: true, issue)
                }
            } else {
                issue("teams", "expected an array of team names, got \(typeName(teams))")
            }
        }
        checkObject(object["identity"], "identity", allowed: identityKeys, issue) { key, value in
            switch key {
            case "account_id": checkString(value, "identity.account_id", min: 1, max: 100, pattern: true, issue)
            case "region": checkString(value, "identity.region", max: 50, pattern: true, issue)
            case "alarm_id": checkString(value, "identity.alarm_id", max: SchemaLimits.alarmIdLength, issue)
            default: checkString(value, "identity.\(key)", max: 2048, issue)
            }
        }
        checkObject(object["links"], "links", allowed: linkKeys, issue) { key, value in
            let path = "links.\(key)"
            guard case .string(let text) = value else {
                issue(path, "expected a string (URL), got \(typeName(value))")
                return
            }
            if text.utf8.count > SchemaLimits.urlLength || !SchemaLimits.isHTTPURL(text) {
                issue(path, "expected an absolute http(s) URL of at most \(SchemaLimits.urlLength) characters")
            }
        }
        checkKlaxonAdditions(object, issue)
        let unknown = object.keys.filter { !knownTopLevel.contains($0) }.sorted()
        return Report(issues: issues, unknownFields: unknown)
    }

    private static func checkKlaxonAdditions(_ object: [String: JSONValue], _ issue: (String, String, Bool) -> Void) {
        if let resource = object["resource"], !resource.isNull {
            if case .object(let fields) = resource {
                if fields["type"]?.stringValue == nil { issue("resource.type", "is required (a string)", fields["type"] == nil) }
                for key in ["id", "region"] { checkString(fields[key], "resource.\(key)", max: 2048, issue) }
                if let extra = fields["extra"], !extra.isNull, extra.objectValue == nil {
                    issue("resource.extra", "expected an object, got \(typeName(extra))", false)
                }
            } else {
                issue("resource", "expected an object, got \(typeName(resource))", false)
            }
        }
        if let labels = object["labels"], !labels.isNull {
            if case .object(let fields) = labels {
                for (key, value) in fields.sorted(by: { $0.key < $1.key }) where value.stringValue == nil {
                    issue("labels.\(key)", "expected a string, got \(typeName(value))", false)
                }
            } else {
                issue("labels", "expected an object of strings, got \(typeName(labels))", false)
            }
        }
        checkString(object["environment"], "environment", max: 200, issue)
        checkString(object["fingerprint"], "fingerprint", max: 200, issue)
        if let defaulted = object["defaulted"], !defaulted.isNull {
            if case .array(let items) = defaulted {
                for (index, item) in items.enumerated() { checkString(item, "defaulted[\(index)]", max: 50, issue) }
            } else {
                issue("defaulted", "expected an array of field names, got \(typeName(defaulted))", false)
            }
        }
    }

    private static func checkString(
        _ value: JSONValue?, _ path: String, min: Int = 0, max: Int, pattern: Bool = false,
        _ issue: (String, String, Bool) -> Void
    ) {
        guard let value, !value.isNull else { return }
        guard case .string(let text) = value else {
            issue(path, "expected a string, got \(typeName(value))", false)
            return
        }
        let length = text.unicodeScalars.count
        if length < min {
            issue(path, min == 1 ? "must not be empty" : "shorter than \(min) characters", false)
        } else if length > max {
            issue(path, "longer than \(max) characters (\(length))", false)
        }
        if pattern, length > 0, !matchesIdentifierPattern(text) {
            issue(path, "\"\(clip(text, 60))\" does not match ^[a-zA-Z0-9_-]+$", false)
        }
    }

    private static func checkEnum(_ value: JSONValue?, _ path: String, _ allowed: [String], _ issue: (String, String, Bool) -> Void) {
        guard let value, !value.isNull else { return }
        let list = allowed.joined(separator: "|")
        if case .string(let text) = value {
            if !allowed.contains(text) { issue(path, "expected \(list), got \"\(clip(text, 40))\"", false) }
        } else {
            issue(path, "expected \(list), got \(typeName(value))", false)
        }
    }

    private static func checkObject(
        _ value: JSONValue?, _ path: String, allowed: [String], _ issue: (String, String, Bool) -> Void,
        each: (String, JSONValue) -> Void
    ) {
        guard let value, !value.isNull else { return }
        guard case .object(let fields) = value else {
            issue(path, "expected an object, got \(typeName(value))", false)
            return
        }
        for (key, field) in fields.sorted(by: { $0.key < $1.key }) {
            if allowed.contains(key) {
                each(key, field)
            } else {
                issue("\(path).\(key)", "unknown field (allowed: \(allowed.joined(separator: ", ")))", false)
            }
        }
    }

    /// `^[a-zA-Z0-9_-]+$` without a regex.
    static func matchesIdentifierPattern(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F || c == 0x2D
        }
    }

    static func typeName(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "boolean"
        case .int, .double: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}
