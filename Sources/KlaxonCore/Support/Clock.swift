import Foundation

/// Where domain code gets the time. Tests inject a manual one; no domain code calls `Date()`.
package protocol WallClock: Sendable {
    func now() -> Date
}

/// The real clock.
package struct SystemWallClock: WallClock {
    package init() {}
    package func now() -> Date { Date() }
}
