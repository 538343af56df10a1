import Foundation

/// AlertEvent ↔ JSON without `JSONEncoder`/`JSONDecoder`: the store writes and reads an alert for
/// every state change and every queued delivery, and Foundation's coders cost more than the rest of
/// the pipeline together. The output is the same document the `Codable` conformance writes
/// (snake_case keys, `occurred_at` in milliseconds), with sorted keys.
extension AlertEvent {
    /// A JSON document that is not a valid alert.
    package struct JSONShapeError: Error, Equatable, CustomStringConvertible {
        package var description: String
    }

    package var jsonValue: JSONValue {
        var object: [String: JSONValue] = [
            "schema_version": .int(Int64(schemaVersion)),
            "source": .string(source),
            "state": .string(state.rawValue),
            "title": .string(title),
            "priority": .string(priority.rawValue),
            "occurred_at": .string(Timestamp.format(occurredAt)),
            "teams": .array(teams.map(JSONValue.string)),
            "identity": identity.jsonValue,
            "links": links.jsonValue,
        ]
        if let description { object["description"] = .string(description) }
        if let summary { object["summary"] = .string(summary) }
        if let reason { object["reason"] = .string(reason) }
        if let resource { object["resource"] = resource.jsonValue }
        if let rawProvider { object["raw_provider"] = rawProvider }
        if let labels, !labels.isEmpty { object["labels"] = .object(labels.mapValues(JSONValue.string)) }
        if let environment { object["environment"] = .string(environment) }
        if let defaulted, !defaulted.isEmpty { object["defaulted"] = .array(defaulted.map(JSONValue.string)) }
        return .object(object)
    }

    package init(jsonValue: JSONValue) throws(JSONShapeError) {
        guard case .object(let o) = jsonValue else { throw JSONShapeError(description: "alert: expected an object") }
        func string(_ key: String) throws(JSONShapeError) -> String {
            guard let value = o[key]?.stringValue else { throw JSONShapeError(description: "alert.\(key): expected a string") }
            return value
        }
        func optional(_ key: String) -> String? { o[key]?.stringValue }
        guard case .int(let version)? = o["schema_version"] else { throw JSONShapeError(description: "alert.schema_version: expected an integer") }
        guard let state = State(rawValue: try string("state")) else { throw JSONShapeError(description: "alert.state: expected FIRING|RESOLVED") }
        guard let priority = Priority(rawValue: try string("priority")) else { throw JSONShapeError(description: "alert.priority: expected P0|P1|P2|P3") }
        guard let occurredAt = Timestamp.parse(try string("occurred_at")) else { throw JSONShapeError(description: "alert.occurred_at: expected a date-time") }
        guard let teams = o["teams"]?.arrayValue?.compactMap(\.stringValue) else { throw JSONShapeError(description: "alert.teams: expected an array") }
        self.init(
            schemaVersion: Int(version), source: try string("source"), state: state, title: try string("title"),
            description: optional("description"), summary: optional("summary"), reason: optional("reason"),
            priority: priority, occurredAt: occurredAt, teams: teams,
            resource: o["resource"].flatMap(Resource.init(jsonValue:)),
            identity: Identity(jsonValue: o["identity"]), links: Links(jsonValue: o["links"]),
            rawProvider: o["raw_provider"].flatMap { $0.isNull ? nil : $0 },
            labels: o["labels"]?.objectValue?.compactMapValues(\.stringValue),
            environment: optional("environment"),
            defaulted: o["defaulted"]?.arrayValue?.compactMap(\.stringValue))
    }

    /// Compact JSON with sorted keys.
    package func jsonData() -> Data { jsonValue.serialized() }

    package init(jsonData: some Collection<UInt8>) throws {
        try self.init(jsonValue: JSONValue.parse(jsonData))
    }
}

extension AlertEvent.Identity {
    var jsonValue: JSONValue {
        var object: [String: JSONValue] = [:]
        if let awsAccount { object["aws_account"] = .string(awsAccount) }
        if let region { object["region"] = .string(region) }
        if let alarmArn { object["alarm_arn"] = .string(alarmArn) }
        if let orgId { object["org_id"] = .string(orgId) }
        if let ruleId { object["rule_id"] = .string(ruleId) }
        if let accountId { object["account_id"] = .string(accountId) }
        if let alarmId { object["alarm_id"] = .string(alarmId) }
        return .object(object)
    }

    init(jsonValue: JSONValue?) {
        let o = jsonValue?.objectValue ?? [:]
        self.init(
            awsAccount: o["aws_account"]?.stringValue, region: o["region"]?.stringValue, alarmArn: o["alarm_arn"]?.stringValue,
            orgId: o["org_id"]?.stringValue, ruleId: o["rule_id"]?.stringValue, accountId: o["account_id"]?.stringValue,
            alarmId: o["alarm_id"]?.stringValue)
    }
}

extension AlertEvent.Links {
    var jsonValue: JSONValue {
        var object: [String: JSONValue] = [:]
        if let runbookURL { object["runbook_url"] = .string(runbookURL) }
        if let dashboardURL { object["dashboard_url"] = .string(dashboardURL) }
        if let sourceURL { object["source_url"] = .string(sourceURL) }
        if let silenceURL { object["silence_url"] = .string(silenceURL) }
        return .object(object)
    }

    init(jsonValue: JSONValue?) {
        let o = jsonValue?.objectValue ?? [:]
        self.init(
            runbookURL: o["runbook_url"]?.stringValue, dashboardURL: o["dashboard_url"]?.stringValue,
            sourceURL: o["source_url"]?.stringValue, silenceURL: o["silence_url"]?.stringValue)
    }
}

extension AlertEvent.Resource {
    var jsonValue: JSONValue {
        var object: [String: JSONValue] = ["type": .string(type)]
        if let id { object["id"] = .string(id) }
        if let region { object["region"] = .string(region) }
        if let extra { object["extra"] = .object(extra) }
        return .object(object)
    }

    init?(jsonValue: JSONValue) {
        guard let o = jsonValue.objectValue, let type = o["type"]?.stringValue else { return nil }
        self.init(type: type, id: o["id"]?.stringValue, region: o["region"]?.stringValue, extra: o["extra"]?.objectValue)
    }
}

extension Delivery {
    /// The delivery as JSON, with the key names its `Codable` conformance uses (`createdAt` as
    /// seconds since 2001-01-01, Foundation's default), so either decoder reads it.
    package var jsonValue: JSONValue {
        .object([
            "receiver": .string(receiver), "fingerprint": .string(fingerprint), "occurrence": .int(Int64(occurrence)),
            "action": .string(action.rawValue), "sequence": .int(Int64(sequence)), "alert": alert.jsonValue,
            "createdAt": .double(createdAt.timeIntervalSinceReferenceDate),
        ])
    }

    package init(jsonValue: JSONValue) throws {
        guard case .object(let o) = jsonValue,
              let receiver = o["receiver"]?.stringValue, let fingerprint = o["fingerprint"]?.stringValue,
              let action = o["action"]?.stringValue.flatMap(Lifecycle.Action.init(rawValue:)),
              let alert = o["alert"], let created = o["createdAt"]
        else { throw AlertEvent.JSONShapeError(description: "delivery: missing or invalid fields") }
        func int(_ value: JSONValue?) -> Int? {
            switch value {
            case .int(let v)?: return Int(v)
            case .double(let v)?: return Int(v)
            default: return nil
            }
        }
        let seconds: Double
        switch created {
        case .int(let v): seconds = Double(v)
        case .double(let v): seconds = v
        default: throw AlertEvent.JSONShapeError(description: "delivery.createdAt: expected a number")
        }
        guard let occurrence = int(o["occurrence"]), let sequence = int(o["sequence"]) else {
            throw AlertEvent.JSONShapeError(description: "delivery: occurrence and sequence must be integers")
        }
        self.init(
            receiver: receiver, fingerprint: fingerprint, occurrence: occurrence, action: action, sequence: sequence,
            alert: try AlertEvent(jsonValue: alert), createdAt: Date(timeIntervalSinceReferenceDate: seconds))
    }
}
