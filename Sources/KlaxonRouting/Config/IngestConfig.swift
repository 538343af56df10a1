import KlaxonCore

/// The `ingest:` section: how decoders fill what a payload leaves out.
package struct IngestConfig: Sendable, Equatable {
    /// What the decoders are given.
    package var decodeOptions: DecodeOptions

    package init(decodeOptions: DecodeOptions = DecodeOptions()) {
        self.decodeOptions = decodeOptions
    }
}
