/// A fast JSON *syntax* check (RFC 8259) that the HTTP edge runs before it stores a body.
///
/// It is a hand-written byte scanner: no allocation per byte, no value tree, iterative (deep
/// nesting cannot overflow the stack). It reports the first error with its byte offset, line and
/// column, and, for valid input, the top-level value type plus which well-known top-level keys are
/// present (what ``SourceDetector`` needs to route a body without decoding it twice).
package enum JSONSyntax {
    /// The type of the top-level value.
    package enum ValueType: String, Sendable, Hashable {
        case object, array, string, number, bool, null
    }

    /// Keys whose presence routes a payload (see docs/ingest/source-detection.md).
    package struct Keys: OptionSet, Sendable, Hashable {
        package let rawValue: UInt32
        package init(rawValue: UInt32) { self.rawValue = rawValue }

        package static let records = Keys(rawValue: 1 << 0)          // Records
        package static let type = Keys(rawValue: 1 << 1)             // Type
        package static let topicArn = Keys(rawValue: 1 << 2)         // TopicArn
        package static let alarmName = Keys(rawValue: 1 << 3)        // AlarmName
        package static let alarmData = Keys(rawValue: 1 << 4)        // alarmData
        package static let detailType = Keys(rawValue: 1 << 5)       // detail-type
        package static let alerts = Keys(rawValue: 1 << 6)           // alerts
        package static let schemaVersion = Keys(rawValue: 1 << 7)    // schema_version
        package static let evalMatches = Keys(rawValue: 1 << 8)      // evalMatches
        package static let ruleName = Keys(rawValue: 1 << 9)         // ruleName
        package static let severity = Keys(rawValue: 1 << 10)        // severity
        package static let title = Keys(rawValue: 1 << 11)           // title
        package static let labels = Keys(rawValue: 1 << 12)          // labels
        package static let putEventsDetailType = Keys(rawValue: 1 << 13) // DetailType
        package static let state = Keys(rawValue: 1 << 14)           // state
        package static let message = Keys(rawValue: 1 << 15)         // Message
        package static let orgId = Keys(rawValue: 1 << 16)           // orgId
        package static let newStateValue = Keys(rawValue: 1 << 17)   // NewStateValue
        package static let body = Keys(rawValue: 1 << 18)            // body
        package static let receiptHandle = Keys(rawValue: 1 << 19)   // receiptHandle

        static let table: [([UInt8], Keys)] = ([
            ("Records", .records), ("Type", .type), ("TopicArn", .topicArn), ("AlarmName", .alarmName),
            ("alarmData", .alarmData), ("detail-type", .detailType), ("alerts", .alerts),
            ("schema_version", .schemaVersion), ("evalMatches", .evalMatches), ("ruleName", .ruleName),
            ("severity", .severity), ("title", .title), ("labels", .labels),
            ("DetailType", .putEventsDetailType), ("state", .state), ("Message", .message),
            ("orgId", .orgId), ("NewStateValue", .newStateValue),
            ("body", .body), ("receiptHandle", .receiptHandle),
        ] as [(String, Keys)]).map { (Array($0.0.utf8), $0.1) }
    }

    /// What a valid document looks like from the outside.
    package struct Summary: Sendable, Hashable {
        package var topLevel: ValueType
        /// Well-known keys of the top-level object.
        package var keys: Keys
        /// Well-known keys of the first element, when the top level is an array of objects.
        package var firstElementKeys: Keys
        /// Number of elements when the top level is an array.
        package var elementCount: Int
    }

    /// Nesting deeper than this is rejected (a body nobody sends on purpose).
    package static let maxDepth = 512

    /// `nil` when `bytes` is one valid JSON document, else the first error.
    package static func check(_ bytes: some Collection<UInt8>) -> JSONSyntaxError? {
        if case .failure(let error) = scan(bytes) { return error }
        return nil
    }

    /// The document's ``Summary``, or the first syntax error.
    package static func scan(_ bytes: some Collection<UInt8>) -> Result<Summary, JSONSyntaxError> {
        if let result = bytes.withContiguousStorageIfAvailable({ scan(buffer: $0) }) { return result }
        return Array(bytes).withUnsafeBufferPointer { scan(buffer: $0) }
    }

    private enum State { case value, afterValue, firstKeyOrEnd, key, firstValueOrEnd }

    private static func scan(buffer buf: UnsafeBufferPointer<UInt8>) -> Result<Summary, JSONSyntaxError> {
        let n = buf.count
        var i = 0
        var stack: [Bool] = []  // true = object, false = array
        stack.reserveCapacity(16)
        var summary = Summary(topLevel: .null, keys: [], firstElementKeys: [], elementCount: 0)
        var inFirstElement = false

        func fail(_ offset: Int, _ message: String) -> Result<Summary, JSONSyntaxError> {
            .failure(makeError(buf, offset: offset, message: message))
        }
        @inline(__always) func skipWhitespace() {
            while i < n {
                let c = buf[i]
                if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { i += 1 } else { break }
            }
        }

        skipWhitespace()
        if i == n {
            return fail(i, n == 0 ? "empty body: expected a JSON value" : "expected a JSON value, got only whitespace")
        }
        var state = State.value
        while true {
            switch state {
            case .value:
                skipWhitespace()
                guard i < n else { return fail(i, "unexpected end of input: expected a value") }
                let c = buf[i]
                if stack.isEmpty { summary.topLevel = topLevelType(c) }
                switch c {
                case UInt8(ascii: "{"):
                    guard stack.count < maxDepth else { return fail(i, "nesting deeper than \(maxDepth) levels") }
                    stack.append(true)
                    i += 1
                    state = .firstKeyOrEnd
                case UInt8(ascii: "["):
                    guard stack.count < maxDepth else { return fail(i, "nesting deeper than \(maxDepth) levels") }
                    stack.append(false)
                    i += 1
                    state = .firstValueOrEnd
                case UInt8(ascii: "\""):
                    if let error = scanString(buf, &i) { return .failure(error) }
                    state = .afterValue
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    if let error = scanNumber(buf, &i) { return .failure(error) }
                    state = .afterValue
                case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                    let literal: StaticString = c == UInt8(ascii: "t") ? "true" : (c == UInt8(ascii: "f") ? "false" : "null")
                    let length = literal.utf8CodeUnitCount
                    var k = 0
                    while k < length, i + k < n, buf[i + k] == literal.utf8Start[k] { k += 1 }
                    guard k == length else { return fail(i + k, "invalid literal: expected \(literal)") }
                    i += length
                    state = .afterValue
                default:
                    return fail(i, "expected a value (object, array, string, number, true, false or null), got \(describe(c))")
                }
            case .firstValueOrEnd:
                skipWhitespace()
                if stack.count == 1 {
                    inFirstElement = true
                }
                if i < n, buf[i] == UInt8(ascii: "]") {
                    i += 1
                    stack.removeLast()
                    state = .afterValue
                } else {
                    if stack.count == 1 { summary.elementCount += 1 }
                    state = .value
                }
            case .firstKeyOrEnd:
                skipWhitespace()
                if i < n, buf[i] == UInt8(ascii: "}") {
                    i += 1
                    stack.removeLast()
                    state = .afterValue
                } else {
                    state = .key
                }
            case .key:
                skipWhitespace()
                guard i < n else { return fail(i, "unexpected end of input: expected a string key") }
                guard buf[i] == UInt8(ascii: "\"") else {
                    if buf[i] == UInt8(ascii: "}") { return fail(i, "trailing comma before '}'") }
                    return fail(i, "expected a string key in double quotes, got \(describe(buf[i]))")
                }
                let start = i + 1
                if let error = scanString(buf, &i) { return .failure(error) }
                let recordTop = stack.count == 1 && summary.topLevel == .object
                let recordFirst = stack.count == 2 && summary.topLevel == .array && inFirstElement
                if recordTop || recordFirst {
                    let key = UnsafeBufferPointer(rebasing: buf[start..<(i - 1)])
                    for (name, flag) in Keys.table where name.count == key.count && name.elementsEqual(key) {
                        if recordTop { summary.keys.insert(flag) } else { summary.firstElementKeys.insert(flag) }
                        break
                    }
                }
                skipWhitespace()
                guard i < n else { return fail(i, "unexpected end of input: expected ':' after the key") }
                guard buf[i] == UInt8(ascii: ":") else { return fail(i, "expected ':' after an object key, got \(describe(buf[i]))") }
                i += 1
                state = .value
            case .afterValue:
                guard let isObject = stack.last else {
                    skipWhitespace()
                    if i < n { return fail(i, "unexpected \(describe(buf[i])) after the end of the JSON value") }
                    return .success(summary)
                }
                skipWhitespace()
                guard i < n else {
                    return fail(i, isObject ? "unexpected end of input: expected ',' or '}'" : "unexpected end of input: expected ',' or ']'")
                }
                let c = buf[i]
                if c == UInt8(ascii: ",") {
                    i += 1
                    if isObject {
                        state = .key
                    } else {
                        if stack.count == 1 {
                            inFirstElement = false
                            summary.elementCount += 1
                        }
                        skipWhitespace()
                        if i < n, buf[i] == UInt8(ascii: "]") { return fail(i, "trailing comma before ']'") }
                        state = .value
                    }
                } else if isObject, c == UInt8(ascii: "}") {
                    i += 1
                    stack.removeLast()
                } else if !isObject, c == UInt8(ascii: "]") {
                    i += 1
                    stack.removeLast()
                    if stack.count == 0 { inFirstElement = false }
                } else {
                    return fail(i, isObject ? "expected ',' or '}' after an object member, got \(describe(c))"
                        : "expected ',' or ']' after an array element, got \(describe(c))")
                }
            }
        }
    }

    private static func topLevelType(_ c: UInt8) -> ValueType {
        switch c {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        default: return .number
        }
    }

    /// Scans a string starting at the opening quote; leaves `i` after the closing quote.
    private static func scanString(_ buf: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> JSONSyntaxError? {
        let n = buf.count
        let opening = i
        i += 1
        while i < n {
            let c = buf[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                return nil
            }
            if c == UInt8(ascii: "\\") {
                guard i + 1 < n else { break }
                let e = buf[i + 1]
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    i += 2
                case UInt8(ascii: "u"):
                    for k in 2..<6 {
                        guard i + k < n else { return makeError(buf, offset: n, message: "unterminated string (opened at byte \(opening))") }
                        guard isHexDigit(buf[i + k]) else {
                            return makeError(buf, offset: i + k, message: "invalid \\u escape: expected 4 hex digits")
                        }
                    }
                    i += 6
                default:
                    return makeError(buf, offset: i, message: "invalid escape \\\(describeRaw(e)) in string (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)")
                }
                continue
            }
            if c < 0x20 {
                return makeError(buf, offset: i, message: "control character U+\(hex4(c)) in string must be escaped")
            }
            if c < 0x80 {
                i += 1
                continue
            }
            guard let length = utf8SequenceLength(buf, at: i) else {
                return makeError(buf, offset: i, message: "invalid UTF-8 byte 0x\(hex2(c)) in string")
            }
            i += length
        }
        return makeError(buf, offset: n, message: "unterminated string (opened at byte \(opening))")
    }

    /// Length of a valid multi-byte UTF-8 sequence at `i`, or nil.
    private static func utf8SequenceLength(_ buf: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let n = buf.count
        let c = buf[i]
        func cont(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            i + k < n && buf[i + k] >= low && buf[i + k] <= high
        }
        switch c {
        case 0xC2...0xDF: return cont(1) ? 2 : nil
        case 0xE0: return cont(1, 0xA0) && cont(2) ? 3 : nil
        case 0xED: return cont(1, 0x80, 0x9F) && cont(2) ? 3 : nil
        case 0xE1...0xEF: return cont(1) && cont(2) ? 3 : nil
        case 0xF0: return cont(1, 0x90) && cont(2) && cont(3) ? 4 : nil
        case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : nil
        case 0xF4: return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : nil
        default: return nil
        }
    }

    private static func scanNumber(_ buf: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> JSONSyntaxError? {
        let n = buf.count
        @inline(__always) func isDigit(_ k: Int) -> Bool { k < n && buf[k] >= 0x30 && buf[k] <= 0x39 }
        if buf[i] == UInt8(ascii: "-") { i += 1 }
        guard isDigit(i) else { return makeError(buf, offset: i, message: "invalid number: expected a digit") }
        if buf[i] == UInt8(ascii: "0") {
            i += 1
            if isDigit(i) { return makeError(buf, offset: i, message: "invalid number: leading zeros are not allowed") }
        } else {
            while isDigit(i) { i += 1 }
        }
        if i < n, buf[i] == UInt8(ascii: ".") {
            i += 1
            guard isDigit(i) else { return makeError(buf, offset: i, message: "invalid number: expected a digit after '.'") }
            while isDigit(i) { i += 1 }
        }
        if i < n, buf[i] == UInt8(ascii: "e") || buf[i] == UInt8(ascii: "E") {
            i += 1
            if i < n, buf[i] == UInt8(ascii: "+") || buf[i] == UInt8(ascii: "-") { i += 1 }
            guard isDigit(i) else { return makeError(buf, offset: i, message: "invalid number: expected a digit in the exponent") }
            while isDigit(i) { i += 1 }
        }
        return nil
    }

    private static func makeError(_ buf: UnsafeBufferPointer<UInt8>, offset: Int, message: String) -> JSONSyntaxError {
        var line = 1
        var lineStart = 0
        var k = 0
        let end = min(offset, buf.count)
        while k < end {
            if buf[k] == 0x0A {
                line += 1
                lineStart = k + 1
            }
            k += 1
        }
        return JSONSyntaxError(offset: offset, line: line, column: offset - lineStart + 1, message: message)
    }

    private static func isHexDigit(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
    }

    private static func describe(_ c: UInt8) -> String {
        if c >= 0x21 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        return "byte 0x\(hex2(c))"
    }

    private static func describeRaw(_ c: UInt8) -> String {
        if c >= 0x21 && c < 0x7F { return String(Character(Unicode.Scalar(c))) }
        return "(byte 0x\(hex2(c)))"
    }

    private static func hex2(_ c: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(c >> 4)], digits[Int(c & 0x0F)]])
    }

    private static func hex4(_ c: UInt8) -> String { "00" + hex2(c) }
}
