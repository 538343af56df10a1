/// DeleteMessageBatch for the SQS intake: one call per received batch instead of one per message.
/// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteMessageBatch.html
extension SQSClient {
    /// Deletes up to 10 messages by receipt handle; returns the handles SQS failed to delete.
    package func deleteMessageBatch(queueURL: String, receiptHandles: [String]) async throws -> [String] {
        struct Entry: Encodable { var Id: String; var ReceiptHandle: String }
        struct Input: Encodable { var QueueUrl: String; var Entries: [Entry] }
        struct Failed: Decodable { var Id: String }
        struct Output: Decodable { var Failed: [Failed]? }
        guard !receiptHandles.isEmpty else { return [] }
        let entries = receiptHandles.prefix(10).enumerated().map { Entry(Id: "m\($0.offset)", ReceiptHandle: $0.element) }
        let output = try await client.json(.sqs, "DeleteMessageBatch", Input(QueueUrl: queueURL, Entries: Array(entries)), as: Output.self)
        let failed = Set((output.Failed ?? []).map(\.Id))
        return entries.filter { failed.contains($0.Id) }.map(\.ReceiptHandle)
    }
}
