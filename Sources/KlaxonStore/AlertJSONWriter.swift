import KlaxonCore

/// Writes an alert as JSON straight into bytes: the same document as
/// `alert.jsonValue.serializedText()` (compact, keys sorted), without building the dictionary
/// tree first. Building, hashing and sorting that tree was most of what the commit spent on an
/// alert (perf, 2026-12-01).
enum AlertJSONWriter {
    static func text(of alert: AlertEvent) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        write(alert, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Keys are written in byte order, as `JSONValue` sorts them.
    static func write(_ alert: AlertEvent, into out: inout [UInt8]) {
        var object = ObjectWriter()
        if let defaulted = alert.defaulted, !defaulted.isEmpty {
            object.key("defaulted", &out); JSONValue.array(defaulted.map(JSONValue.string)).write(into: &out)
        }
        object.string("description", alert.description, &out)
        object.string("environment", alert.environment, &out)
        object.key("identity", &out); write(alert.identity, into: &out)
        if let labels = alert.labels, !labels.isEmpty {
            object.key("labels", &out)
            var inner = ObjectWriter()
            for (key, value) in labels.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
                inner.string(key, value, &out)
            }
            inner.close(&out)
        }
        object.key("links", &out); write(alert.links, into: &out)
        object.string("occurred_at", Timestamp.format(alert.occurredAt), &out)
        object.string("priority", alert.priority.rawValue, &out)
        if let raw = alert.rawProvider { object.key("raw_provider", &out); raw.write(into: &out) }
        object.string("reason", alert.reason, &out)
        if let resource = alert.resource {
            object.key("resource", &out)
            var inner = ObjectWriter()
            if let extra = resource.extra { inner.key("extra", &out); JSONValue.object(extra).write(into: &out) }
            inner.string("id", resource.id, &out)
            inner.string("region", resource.region, &out)
            inner.string("type", resource.type, &out)
            inner.close(&out)
        }
        object.key("schema_version", &out); JSONValue.int(Int64(alert.schemaVersion)).write(into: &out)
        object.string("source", alert.source, &out)
        object.string("state", alert.state.rawValue, &out)
        object.string("summary", alert.summary, &out)
        object.key("teams", &out); JSONValue.array(alert.teams.map(JSONValue.string)).write(into: &out)
        object.string("title", alert.title, &out)
        object.close(&out)
    }

    private static func write(_ identity: AlertEvent.Identity, into out: inout [UInt8]) {
        var object = ObjectWriter()
        object.string("account_id", identity.accountId, &out)
        object.string("alarm_arn", identity.alarmArn, &out)
        object.string("alarm_id", identity.alarmId, &out)
        object.string("aws_account", identity.awsAccount, &out)
        object.string("org_id", identity.orgId, &out)
        object.string("region", identity.region, &out)
        object.string("rule_id", identity.ruleId, &out)
        object.close(&out)
    }

    private static func write(_ links: AlertEvent.Links, into out: inout [UInt8]) {
        var object = ObjectWriter()
        object.string("dashboard_url", links.dashboardURL, &out)
        object.string("runbook_url", links.runbookURL, &out)
        object.string("silence_url", links.silenceURL, &out)
        object.string("source_url", links.sourceURL, &out)
        object.close(&out)
    }

    /// Opens the object at its first key; separates the later ones.
    private struct ObjectWriter {
        var opened = false

        mutating func key(_ name: String, _ out: inout [UInt8]) {
            out.append(opened ? UInt8(ascii: ",") : UInt8(ascii: "{"))
            opened = true
            JSONValue.string(name).write(into: &out)
            out.append(UInt8(ascii: ":"))
        }

        /// Writes the pair only when there is a value.
        mutating func string(_ name: String, _ value: String?, _ out: inout [UInt8]) {
            guard let value else { return }
            key(name, &out)
            JSONValue.string(value).write(into: &out)
        }

        func close(_ out: inout [UInt8]) {
            if !opened { out.append(UInt8(ascii: "{")) }
            out.append(UInt8(ascii: "}"))
        }
    }
}
