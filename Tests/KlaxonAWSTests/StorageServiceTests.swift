import Foundation
@testable import KlaxonAWS
import KlaxonTesting
import Testing

/// DynamoDB (awsJson 1.0), S3 (REST-XML) and Secrets Manager against moto.
@Suite struct StorageServiceTests {
    @Test func dynamoItemsWithConditions() async throws {
        let moto = try await MotoServer.shared()
        let db = DynamoDBClient(client: moto.client())
        let table = "alerts-\(UUID().uuidString.prefix(8))"
        try await db.createTable(name: table, hashKey: "pk", rangeKey: "sk")
        let key: DynamoItem = ["pk": .string("fp#1"), "sk": .string("state")]
        let absent = DynamoDBClient.Expression("attribute_not_exists(pk)")
        try await db.putItem(table: table, item: key.merging(["status": .string("firing"), "count": .integer(1)]) { $1 }, condition: absent)

        let again = await #expect(throws: AWSError.self) {
            try await db.putItem(table: table, item: key.merging(["status": .string("dup")]) { $1 }, condition: absent)
        }
        #expect(again?.code == "ConditionalCheckFailedException")

        let updated = try await db.updateItem(
            table: table, key: key,
            update: .init("SET #c = #c + :one, #s = :resolved", names: ["#c": "count", "#s": "status"], values: [":one": .integer(1), ":resolved": .string("resolved")]),
            condition: .init("#s = :firing", names: ["#s": "status"], values: [":firing": .string("firing")])
        )
        #expect(updated?["count"] == .integer(2))
        #expect(updated?["status"] == .string("resolved"))

        let item = try await db.getItem(table: table, key: key)
        #expect(item?["status"]?.stringValue == "resolved")
        #expect(item?["count"]?.intValue == 2)

        let refused = await #expect(throws: AWSError.self) {
            try await db.deleteItem(table: table, key: key, condition: .init("#s = :firing", names: ["#s": "status"], values: [":firing": .string("firing")]))
        }
        #expect(refused?.code == "ConditionalCheckFailedException")
        try await db.deleteItem(table: table, key: key)
        #expect(try await db.getItem(table: table, key: key) == nil)
    }

    @Test func dynamoQueryAndTransactions() async throws {
        let moto = try await MotoServer.shared()
        let db = DynamoDBClient(client: moto.client())
        let table = "events-\(UUID().uuidString.prefix(8))"
        try await db.createTable(name: table, hashKey: "pk", rangeKey: "sk")
        try await db.transactWriteItems([
            .put(table: table, item: ["pk": .string("incident#7"), "sk": .string("event#001"), "kind": .string("CREATE")], condition: .init("attribute_not_exists(pk)")),
            .put(table: table, item: ["pk": .string("incident#7"), "sk": .string("event#002"), "kind": .string("COMMENT")], condition: nil),
            .put(table: table, item: ["pk": .string("incident#8"), "sk": .string("event#001"), "kind": .string("CREATE")], condition: nil),
        ])
        let page = try await db.query(
            table: table, keyCondition: .init("pk = :pk AND begins_with(sk, :prefix)", values: [":pk": .string("incident#7"), ":prefix": .string("event#")]),
            forward: false
        )
        #expect(page.items.compactMap { $0["sk"]?.stringValue } == ["event#002", "event#001"])
        #expect(page.lastEvaluatedKey == nil)

        // One failing condition cancels the whole transaction: the update must not land.
        let error = await #expect(throws: AWSError.self) {
            try await db.transactWriteItems([
                .update(table: table, key: ["pk": .string("incident#8"), "sk": .string("event#001")], update: .init("SET kind = :k", values: [":k": .string("CLOSE")]), condition: nil),
                .conditionCheck(table: table, key: ["pk": .string("incident#7"), "sk": .string("event#001")], condition: .init("kind = :k", values: [":k": .string("CLOSE")])),
            ])
        }
        #expect(error?.code == "TransactionCanceledException")
        #expect(try await db.getItem(table: table, key: ["pk": .string("incident#8"), "sk": .string("event#001")])?["kind"] == .string("CREATE"))

        try await db.transactWriteItems([
            .delete(table: table, key: ["pk": .string("incident#8"), "sk": .string("event#001")], condition: .init("kind = :k", values: [":k": .string("CREATE")])),
        ])
        #expect(try await db.getItem(table: table, key: ["pk": .string("incident#8"), "sk": .string("event#001")]) == nil)
    }

    @Test func s3PutAndGet() async throws {
        let moto = try await MotoServer.shared()
        let s3 = S3Client(client: moto.client())
        let bucket = "klaxon-\(UUID().uuidString.prefix(8).lowercased())"
        try await s3.createBucket(bucket)
        let body = Array(#"{"report":"weekly","alerts":42}"#.utf8)
        // moto re-signs S3 requests from the decoded path, so a key needing percent-encoding
        // cannot be checked against it; the encoding itself is tested in s3KeysArePercentEncoded.
        let key = "reports/2026/week-48_v1.json"
        let tag = try await s3.putObject(bucket: bucket, key: key, body: body, contentType: "application/json")
        #expect(tag?.isEmpty == false)
        let object = try await s3.getObject(bucket: bucket, key: key)
        #expect(object.body == body)
        #expect(object.contentType == "application/json")
        #expect(object.eTag == tag)

        let error = await #expect(throws: AWSError.self) { try await s3.getObject(bucket: bucket, key: "missing") }
        #expect(error?.code == "NoSuchKey")
        #expect(error?.statusCode == 404)
    }

    @Test func s3KeysArePercentEncoded() {
        let request = S3Client(client: AWSClient(settings: AWSSettings(region: "us-east-1"), credentials: StaticCredentialProvider(AWSCredentials(accessKeyID: "a", secretAccessKey: "b")), httpClient: .shared))
            .request(bucket: "b", key: "reports/week 48+ä.json", method: "GET", body: [])
        #expect(request.path == "/b/reports/week%2048%2B%C3%A4.json")
    }

    @Test func s3RefusesAWrongSecretToo() async throws {
        let moto = try await MotoServer.shared()
        let s3 = S3Client(client: moto.client(credentials: AWSCredentials(accessKeyID: moto.accessKeyID, secretAccessKey: "wrong")))
        let error = await #expect(throws: AWSError.self) { try await s3.createBucket("klaxon-wrong-\(UUID().uuidString.prefix(8).lowercased())") }
        #expect(error?.code == "SignatureDoesNotMatch")
    }

    @Test func secretsManagerGetSecretValue() async throws {
        let moto = try await MotoServer.shared()
        let secrets = SecretsManagerClient(client: moto.client())
        let arn = try await secrets.createSecret(name: "klaxon/slack-\(UUID().uuidString.prefix(8))", secretString: "xoxb-123")
        let value = try await secrets.getSecretValue(secretID: arn)
        #expect(value.secretString == "xoxb-123")
        #expect(value.arn == arn)
        let error = await #expect(throws: AWSError.self) { try await secrets.getSecretValue(secretID: "klaxon/missing-\(UUID().uuidString)") }
        #expect(error?.code == "ResourceNotFoundException")
    }
}
