/// Fetches the text of a secret given by ARN. KlaxonAWS implements it (Secrets Manager, SSM,
/// with a TTL cache); domain code only sees this protocol, through ``Secret/resolve()``.
package protocol SecretResolver: Sendable {
    /// The secret's current text. Errors carry the reference and a bounded reason, never a value.
    func value(for reference: SecretReference) async throws(SecretFetchError) -> String
}
