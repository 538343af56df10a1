/// The canonical priority of an alert: P0 is the most urgent.
package enum Priority: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case p0 = "P0"
    case p1 = "P1"
    case p2 = "P2"
    case p3 = "P3"

    package static func < (lhs: Priority, rhs: Priority) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Parses `P0`…`P3`, case-insensitive and trimmed.
    package init?(text: String) {
        self.init(rawValue: text.trimmingWhitespace().uppercased())
    }

    /// The severity shown to people: P0/P1 critical, P2 warning, P3 info.
    package var severity: Severity {
        switch self {
        case .p0, .p1: return .critical
        case .p2: return .warning
        case .p3: return .info
        }
    }
}

/// How an alert is rendered: colour and wording. A resolved alert renders as `success`.
package enum Severity: String, Sendable, Hashable, Codable, CaseIterable {
    case critical, warning, info, success

    /// The display colour as 0xRRGGBB.
    package var color: Int {
        switch self {
        case .critical: return 0xFF0000
        case .warning: return 0xFF9900
        case .info: return 0x0099FF
        case .success: return 0x00DD00
        }
    }
}

import Foundation
