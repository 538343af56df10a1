import Foundation
import KlaxonCore

// MARK: - MessageRefStore
extension InMemoryStorage {
    package func messageRef(receiver: String, fingerprint: String, occurrence: Int) async throws -> String? {
        try check(.messageRef)
        return messageRefs["\(receiver)|\(fingerprint)|\(occurrence)"]
    }

    package func setMessageRef(receiver: String, fingerprint: String, occurrence: Int, ref: String, at: Date) async throws {
        try check(.setMessageRef)
        messageRefs["\(receiver)|\(fingerprint)|\(occurrence)"] = ref
    }
}
