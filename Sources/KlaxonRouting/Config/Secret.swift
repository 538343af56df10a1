/// A secret read from the configuration: a token, an HMAC key, a webhook URL.
///
/// The value is only reachable through ``value``, which the HTTP edge and the notifiers read.
/// Everything else that might print it — `String(describing:)`, `String(reflecting:)`, string
/// interpolation, `dump` — sees `<redacted>`, so a secret cannot leak into a log line, an error or
/// a metric by accident. Equality is constant-time.
package struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The secret itself. Read it only where it is sent or compared.
    package let value: String

    package init(_ value: String) {
        self.value = value
    }

    package var description: String { "<redacted>" }
    package var debugDescription: String { "<redacted>" }
    package var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }

    /// Compares `candidate` with the secret without returning early on the first differing byte,
    /// so the time taken does not tell an attacker how much of a guess was right.
    ///
    /// The loop always runs over every byte of `candidate` (whose length the caller already
    /// knows), whatever the secret's length; a length mismatch makes the result false but does not
    /// shorten the loop. An empty secret matches nothing.
    package func constantTimeEquals(_ candidate: some Collection<UInt8>) -> Bool {
        let secret = Array(value.utf8)
        var difference: UInt8 = 0
        var count = 0
        for (offset, byte) in candidate.enumerated() {
            // Index into the secret cyclically so short secrets are still read on every step.
            let expected = secret.isEmpty ? 0 : secret[offset % secret.count]
            difference |= expected ^ byte
            count += 1
        }
        let lengthDiffers: UInt8 = count == secret.count ? 0 : 1
        return (difference | lengthDiffers) == 0 && !secret.isEmpty
    }

    /// Constant-time comparison with a string (compares its UTF-8 bytes).
    package func constantTimeEquals(_ candidate: String) -> Bool {
        constantTimeEquals(candidate.utf8)
    }

    /// Constant-time equality: two secrets are equal when their values are.
    package static func == (lhs: Secret, rhs: Secret) -> Bool {
        (lhs.value.isEmpty && rhs.value.isEmpty) || lhs.constantTimeEquals(rhs.value.utf8)
    }
}

extension Array where Element == Secret {
    /// Whether `candidate` equals any of the secrets. Every secret is compared (no early exit), so
    /// the time taken does not tell which one matched or how close a guess was.
    package func containsConstantTime(_ candidate: String) -> Bool {
        var found = false
        for secret in self where secret.constantTimeEquals(candidate) {
            found = true
        }
        return found
    }
}
