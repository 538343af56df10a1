/// A label set in Prometheus' text form, `{a="1",b="2"}`: names sorted by byte order, values
/// quoted with `\`, `"` and newline escaped. Used as the Alertmanager alert's stable identity
/// (`identity.alarm_id`), so the same labels give the same fingerprint however they arrived.
enum LabelSetText {
    static func render(_ labels: [String: String]) -> String {
        var out: [UInt8] = [UInt8(ascii: "{")]
        out.reserveCapacity(256)
        for (index, label) in labels.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }).enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: label.key.utf8)
            out.append(contentsOf: "=\"".utf8)
            var value = label.value
            value.withUTF8 { append(quoting: $0, to: &out) }
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// Copies the runs between escapes whole (label values seldom hold any).
    private static func append(quoting bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var runStart = 0
        for index in bytes.indices {
            let escaped: UInt8
            switch bytes[index] {
            case UInt8(ascii: "\\"): escaped = UInt8(ascii: "\\")
            case UInt8(ascii: "\""): escaped = UInt8(ascii: "\"")
            case UInt8(ascii: "\n"): escaped = UInt8(ascii: "n")
            default: continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            out.append(UInt8(ascii: "\\"))
            out.append(escaped)
            runStart = index + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }
}
