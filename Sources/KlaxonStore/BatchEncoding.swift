import Foundation
import KlaxonCore

/// The JSON a processed batch writes, encoded before the write transaction and each alert once.
///
/// In a batch an alert is stored twice — in its state record and in every delivery queued for it —
/// and encoding it (building the JSON tree, sorting its keys, writing it) was the largest cost of
/// the commit (perf, 2026-12-01). The text of each alert is kept and spliced into its deliveries,
/// which gives the same bytes as encoding every delivery whole.
struct BatchEncoding {
    /// The stored texts of one record.
    struct RecordText {
        var record: AlertRecord
        var teams: String
        var alert: String
    }

    private(set) var records: [RecordText] = []
    private(set) var deliveries: [(Delivery, String)] = []
    private(set) var audit: [(AuditEntry, String)] = []
    /// Per fingerprint, the record's text and the text of the last delivery encoded. A delivery's
    /// alert is nearly always one of those two: the same alert goes to each of its receivers one
    /// after the other, and a record holds its last occurrence. Looking further back cost a scan
    /// of every earlier occurrence in the batch (a pass of one alert re-posted a thousand times
    /// compared each delivery with all the ones before it); a miss only encodes a text again.
    private var texts: [String: (record: Encoded?, last: Encoded?)] = [:]

    private struct Encoded {
        var alert: AlertEvent
        var text: String
    }

    init(_ batch: ProcessedBatch) {
        records.reserveCapacity(batch.records.count)
        for record in batch.records {
            let text = AlertJSONWriter.text(of: record.alert)
            texts[record.fingerprint, default: (nil, nil)].record = Encoded(alert: record.alert, text: text)
            records.append(RecordText(record: record, teams: Self.text(of: record.alert.teams), alert: text))
        }
        deliveries.reserveCapacity(batch.deliveries.count)
        for delivery in batch.deliveries {
            deliveries.append((delivery, Self.text(of: delivery, alertText: deliveryText(of: delivery.alert, fingerprint: delivery.fingerprint))))
        }
        audit = batch.audit.map { ($0, Self.text(of: $0.detail)) }
    }

    private mutating func deliveryText(of alert: AlertEvent, fingerprint: String) -> String {
        let known = texts[fingerprint]
        if let last = known?.last, last.alert == alert { return last.text }
        if let record = known?.record, record.alert == alert { return record.text }
        let text = AlertJSONWriter.text(of: alert)
        texts[fingerprint, default: (nil, nil)].last = Encoded(alert: alert, text: text)
        return text
    }

    /// `delivery.jsonValue.serializedText()`, with the alert's text given.
    static func text(of delivery: Delivery, alertText: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(alertText.utf8.count + 192)
        // Keys in the sorted order `JSONValue` writes them.
        func key(_ name: StaticString) {
            out.append(out.isEmpty ? UInt8(ascii: "{") : UInt8(ascii: ","))
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            out.append(contentsOf: "\":".utf8)
        }
        key("action"); JSONValue.string(delivery.action.rawValue).write(into: &out)
        key("alert"); out.append(contentsOf: alertText.utf8)
        key("createdAt"); JSONValue.double(delivery.createdAt.timeIntervalSinceReferenceDate).write(into: &out)
        key("fingerprint"); JSONValue.string(delivery.fingerprint).write(into: &out)
        key("occurrence"); JSONValue.int(Int64(delivery.occurrence)).write(into: &out)
        key("receiver"); JSONValue.string(delivery.receiver).write(into: &out)
        key("sequence"); JSONValue.int(Int64(delivery.sequence)).write(into: &out)
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// An audit detail as a JSON object with sorted keys, without building a JSON tree.
    static func text(of detail: [String: String]) -> String {
        var out: [UInt8] = [UInt8(ascii: "{")]
        out.reserveCapacity(192)
        for (key, value) in detail.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            if out.count > 1 { out.append(UInt8(ascii: ",")) }
            JSONValue.string(key).write(into: &out)
            out.append(UInt8(ascii: ":"))
            JSONValue.string(value).write(into: &out)
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// A list of strings (a record's teams) as a JSON array.
    static func text(of strings: [String]) -> String {
        var out: [UInt8] = [UInt8(ascii: "[")]
        for string in strings {
            if out.count > 1 { out.append(UInt8(ascii: ",")) }
            JSONValue.string(string).write(into: &out)
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }
}
