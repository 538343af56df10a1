/// The knobs of SigV4 that differ between services (and that the aws-c-auth suite exercises).
///
/// Spec: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
package struct SigningOptions: Sendable, Equatable {
    /// Encode the wire path once more for the canonical URI. Every service but S3.
    package var doubleURIEncode: Bool
    /// Remove `.`/`..` segments and repeated slashes before encoding. Every service but S3.
    package var normalizePath: Bool
    /// Send the payload hash as `x-amz-content-sha256` and sign it (S3 needs it; the suite's
    /// `sign_body`).
    package var addContentSHA256Header: Bool
    /// Add `X-Amz-Security-Token` after signing instead of signing it (the suite's
    /// `omit_session_token`; some services, IoT among them, want this).
    package var omitSessionToken: Bool
    /// A payload hash to use instead of hashing the body (`UNSIGNED-PAYLOAD` for presigned S3).
    package var payloadHash: String?

    package init(doubleURIEncode: Bool = true, normalizePath: Bool = true, addContentSHA256Header: Bool = false, omitSessionToken: Bool = false, payloadHash: String? = nil) {
        self.doubleURIEncode = doubleURIEncode
        self.normalizePath = normalizePath
        self.addContentSHA256Header = addContentSHA256Header
        self.omitSessionToken = omitSessionToken
        self.payloadHash = payloadHash
    }

    /// What every service except S3 uses.
    package static let standard = SigningOptions()
    /// S3: the wire path is canonical as it is, and the payload hash travels as a header.
    package static let s3 = SigningOptions(doubleURIEncode: false, normalizePath: false, addContentSHA256Header: true)
}

/// The intermediate strings of one signature, kept so tests can compare each step with the suite.
package struct SigningResult: Sendable {
    package var request: SignableRequest
    package var canonicalRequest: String
    package var stringToSign: String
    package var signature: String
}
