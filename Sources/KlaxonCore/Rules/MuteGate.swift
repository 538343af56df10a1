import Foundation

/// The global mute: a "muted until" unix timestamp, as the established ops bot keeps it.
///
/// Absent, `0`, unparsable or in the past → not muted. Any error reading it → not muted: an alert
/// is never lost to a broken mute store (fail open).
package enum MuteGate {
    package enum Decision: Sendable, Equatable {
        case open
        case muted(until: Int64)
        /// Reading the mute store failed; alerts go through.
        case failedOpen(reason: String)

        package var isMuted: Bool {
            if case .muted = self { return true }
            return false
        }
    }

    /// Interprets the stored value (`nil` when absent).
    package static func decide(storedValue: String?, now: Date) -> Decision {
        guard let text = storedValue?.trimmingWhitespace(), !text.isEmpty else { return .open }
        let until: Int64
        if let whole = Int64(text) {
            until = whole
        } else if let fractional = Double(text), fractional.isFinite, abs(fractional) < 1e15 {
            until = Int64(fractional)
        } else {
            return .open
        }
        guard until > 0, Double(until) > now.timeIntervalSince1970 else { return .open }
        return .muted(until: until)
    }

    /// Reads the store and decides, failing open on any error.
    package static func decide(reading read: () async throws -> String?, now: Date) async -> Decision {
        do {
            return decide(.success(try await read()), now: now)
        } catch {
            return decide(.failure(error), now: now)
        }
    }

    /// Decides on a read already made, failing open on its error.
    package static func decide(_ read: Result<String?, any Error>, now: Date) -> Decision {
        switch read {
        case .success(let value): return decide(storedValue: value, now: now)
        case .failure(let error): return .failedOpen(reason: String(describing: type(of: error)))
        }
    }
}
