/// A secret read from the configuration: a token, an HMAC key, a webhook URL.
///
/// A secret is either given (its text came from the config, an environment variable or a file)
/// or a reference: an AWS Secrets Manager or SSM Parameter Store ARN (``SecretReference``) whose
/// text is fetched on first use through a ``SecretResolver`` the composition root attaches with
/// ``resolving(with:)``. Code that sends or compares a secret calls ``resolve()``; it works for
/// both forms. See docs/adr/0053-secrets-by-arn-resolved-at-use.md.
///
/// Everything that might print it — `String(describing:)`, `String(reflecting:)`, string
/// interpolation, `dump` — sees `<redacted>`, so a secret cannot leak into a log line, an error or
/// a metric by accident. Equality is constant-time.
package struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private enum Form: Sendable, Equatable {
        case given(String)
        case reference(SecretReference)
    }

    private let form: Form
    /// Where the configuration gave it (`receivers[0].webhook.url`), for fetch errors.
    package let keyPath: String?
    private let resolver: (any SecretResolver)?

    package init(_ value: String) {
        form = .given(value)
        keyPath = nil
        resolver = nil
    }

    /// A secret fetched when first used; `keyPath` names it in errors.
    package init(reference: SecretReference, keyPath: String?) {
        form = .reference(reference)
        self.keyPath = keyPath
        resolver = nil
    }

    private init(form: Form, keyPath: String?, resolver: (any SecretResolver)?) {
        self.form = form
        self.keyPath = keyPath
        self.resolver = resolver
    }

    /// The ARN this secret is fetched from, `nil` for a given one.
    package var reference: SecretReference? {
        if case .reference(let reference) = form { return reference }
        return nil
    }

    /// The configured text: the secret itself when given, the ARN for a reference. Read it only
    /// where configuration validation keeps references out (see ``reference``); everything that
    /// sends or compares a secret calls ``resolve()``.
    package var value: String {
        switch form {
        case .given(let value): return value
        case .reference(let reference): return reference.arn
        }
    }

    /// The same secret, fetched through `resolver` when it is a reference.
    package func resolving(with resolver: any SecretResolver) -> Secret {
        Secret(form: form, keyPath: keyPath, resolver: resolver)
    }

    /// The secret's text: at once when given; for a reference, from the resolver (which caches).
    /// The error names the kind of ARN and the key path, never a value.
    package func resolve() async throws(SecretFetchError) -> String {
        switch form {
        case .given(let value):
            return value
        case .reference(let reference):
            guard let resolver else { throw SecretFetchError(.noResolver, reference: reference, keyPath: keyPath) }
            do {
                return try await resolver.value(for: reference)
            } catch {
                throw error.at(keyPath)
            }
        }
    }

    package var description: String { "<redacted>" }
    package var debugDescription: String { "<redacted>" }
    package var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }

    /// Compares `candidate` with a given secret without returning early on the first differing
    /// byte, so the time taken does not tell an attacker how much of a guess was right. A
    /// reference matches nothing here (compare its ``resolve()``d text instead).
    ///
    /// The loop always runs over every byte of `candidate` (whose length the caller already
    /// knows), whatever the secret's length; a length mismatch makes the result false but does not
    /// shorten the loop. An empty secret matches nothing.
    package func constantTimeEquals(_ candidate: some Collection<UInt8>) -> Bool {
        guard case .given(let value) = form else { return false }
        return Self.constantTimeEquals(secret: Array(value.utf8), candidate)
    }

    /// Constant-time comparison with a string (compares its UTF-8 bytes).
    /// Reads both texts in place: no copy of the secret per request.
    package func constantTimeEquals(_ candidate: String) -> Bool {
        guard case .given(var value) = form else { return false }
        var candidate = candidate
        return value.withUTF8 { secret in candidate.withUTF8 { Self.constantTimeEquals(secret: secret, $0) } }
    }

    /// The comparison `constantTimeEquals(_:)` makes, for text already resolved (an array, or
    /// bytes read in place).
    package static func constantTimeEquals<SecretBytes: RandomAccessCollection<UInt8>>(
        secret: SecretBytes, _ candidate: some Collection<UInt8>
    ) -> Bool where SecretBytes.Index == Int {
        var difference: UInt8 = 0
        var count = 0
        var index = secret.startIndex
        for byte in candidate {
            // Index into the secret cyclically so short secrets are still read on every step.
            let expected = secret.isEmpty ? 0 : secret[index]
            difference |= expected ^ byte
            count += 1
            index += 1
            if index >= secret.endIndex { index = secret.startIndex }
        }
        let lengthDiffers: UInt8 = count == secret.count ? 0 : 1
        return (difference | lengthDiffers) == 0 && !secret.isEmpty
    }

    /// Constant-time equality: two given secrets are equal when their values are; two references
    /// when they name the same ARN (the resolver is not compared).
    package static func == (lhs: Secret, rhs: Secret) -> Bool {
        switch (lhs.form, rhs.form) {
        case (.given(let left), .given(let right)):
            return (left.isEmpty && right.isEmpty) || lhs.constantTimeEquals(right.utf8)
        case (.reference(let left), .reference(let right)):
            return left == right
        default:
            return false
        }
    }
}

extension Array where Element == Secret {
    /// Whether `candidate` equals any of the given secrets. Every secret is compared (no early
    /// exit), so the time taken does not tell which one matched or how close a guess was.
    package func containsConstantTime(_ candidate: String) -> Bool {
        var found = false
        for secret in self where secret.constantTimeEquals(candidate) {
            found = true
        }
        return found
    }

    /// Whether `candidate` equals any of the secrets, references fetched first. Every secret is
    /// compared. A reference that cannot be fetched matches nothing; its error is returned so the
    /// caller can say the check could not be made (rather than that the credential was wrong).
    package func containsConstantTime(resolving candidate: String) async -> (matched: Bool, failures: [SecretFetchError]) {
        var found = false
        var failures: [SecretFetchError] = []
        let bytes = [UInt8](candidate.utf8)
        for secret in self {
            do {
                let text = try await secret.resolve()
                if Secret.constantTimeEquals(secret: [UInt8](text.utf8), bytes) { found = true }
            } catch {
                failures.append(error)
            }
        }
        return (found, failures)
    }
}
