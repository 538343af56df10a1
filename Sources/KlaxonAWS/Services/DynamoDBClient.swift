/// The DynamoDB calls Klaxon's Lambda deployments make (alert state, dedup, approvals): single
/// item reads and writes with condition expressions, queries, and TransactWriteItems.
/// awsJson 1.0.
///
/// API: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/
package struct DynamoDBClient: Sendable {
    /// A condition, update or key-condition expression with its placeholders.
    package struct Expression: Sendable, Equatable {
        package var text: String
        package var names: [String: String]
        package var values: DynamoItem

        package init(_ text: String, names: [String: String] = [:], values: DynamoItem = [:]) {
            self.text = text
            self.names = names
            self.values = values
        }
    }

    /// One write of a transaction.
    package enum TransactWrite: Sendable, Equatable {
        case put(table: String, item: DynamoItem, condition: Expression?)
        case update(table: String, key: DynamoItem, update: Expression, condition: Expression?)
        case delete(table: String, key: DynamoItem, condition: Expression?)
        case conditionCheck(table: String, key: DynamoItem, condition: Expression)
    }

    /// A page of query results and where the next page starts.
    package struct QueryPage: Sendable, Equatable {
        package var items: [DynamoItem]
        package var lastEvaluatedKey: DynamoItem?
    }

    package let client: AWSClient

    package init(client: AWSClient) { self.client = client }

    package func getItem(table: String, key: DynamoItem, consistentRead: Bool = true) async throws -> DynamoItem? {
        struct Input: Encodable { var TableName: String; var Key: DynamoItem; var ConsistentRead: Bool }
        struct Output: Decodable { var Item: DynamoItem? }
        return try await client.json(.dynamoDB, "GetItem", Input(TableName: table, Key: key, ConsistentRead: consistentRead), as: Output.self).Item
    }

    /// Writes an item; a failed `condition` throws `ConditionalCheckFailedException`.
    package func putItem(table: String, item: DynamoItem, condition: Expression? = nil) async throws {
        var input = Request(table: table)
        input.Item = item
        input.apply(condition: condition)
        _ = try await client.json(.dynamoDB, "PutItem", input, as: AWSEmpty.self)
    }

    /// Applies an update expression; returns the item as it is afterwards.
    @discardableResult
    package func updateItem(table: String, key: DynamoItem, update: Expression, condition: Expression? = nil) async throws -> DynamoItem? {
        var input = Request(table: table)
        input.Key = key
        input.apply(update: update)
        input.apply(condition: condition)
        input.ReturnValues = "ALL_NEW"
        struct Output: Decodable { var Attributes: DynamoItem? }
        return try await client.json(.dynamoDB, "UpdateItem", input, as: Output.self).Attributes
    }

    package func deleteItem(table: String, key: DynamoItem, condition: Expression? = nil) async throws {
        var input = Request(table: table)
        input.Key = key
        input.apply(condition: condition)
        _ = try await client.json(.dynamoDB, "DeleteItem", input, as: AWSEmpty.self)
    }

    /// One page of a query on the table or `index`.
    package func query(table: String, keyCondition: Expression, index: String? = nil, limit: Int? = nil, forward: Bool = true, startKey: DynamoItem? = nil) async throws -> QueryPage {
        var input = Request(table: table)
        input.KeyConditionExpression = keyCondition.text
        input.merge(keyCondition)
        input.IndexName = index
        input.Limit = limit
        input.ScanIndexForward = forward
        input.ExclusiveStartKey = startKey
        struct Output: Decodable { var Items: [DynamoItem]?; var LastEvaluatedKey: DynamoItem? }
        let output = try await client.json(.dynamoDB, "Query", input, as: Output.self)
        return QueryPage(items: output.Items ?? [], lastEvaluatedKey: output.LastEvaluatedKey)
    }

    /// All or nothing, up to 100 writes. A failed condition throws
    /// `TransactionCanceledException` (its message lists the reasons per item).
    package func transactWriteItems(_ writes: [TransactWrite], clientToken: String? = nil) async throws {
        struct Item: Encodable { var Put: Request?; var Update: Request?; var Delete: Request?; var ConditionCheck: Request? }
        struct Input: Encodable { var TransactItems: [Item]; var ClientRequestToken: String? }
        let items = writes.map { write -> Item in
            switch write {
            case .put(let table, let item, let condition):
                var request = Request(table: table)
                request.Item = item
                request.apply(condition: condition)
                return Item(Put: request)
            case .update(let table, let key, let update, let condition):
                var request = Request(table: table)
                request.Key = key
                request.apply(update: update)
                request.apply(condition: condition)
                return Item(Update: request)
            case .delete(let table, let key, let condition):
                var request = Request(table: table)
                request.Key = key
                request.apply(condition: condition)
                return Item(Delete: request)
            case .conditionCheck(let table, let key, let condition):
                var request = Request(table: table)
                request.Key = key
                request.apply(condition: condition)
                return Item(ConditionCheck: request)
            }
        }
        _ = try await client.json(.dynamoDB, "TransactWriteItems", Input(TransactItems: items, ClientRequestToken: clientToken), as: AWSEmpty.self)
    }

    /// Creates a pay-per-request table with a string hash key and optional string range key
    /// (tests and set-up scripts).
    package func createTable(name: String, hashKey: String, rangeKey: String? = nil) async throws {
        struct Attribute: Encodable { var AttributeName: String; var AttributeType = "S" }
        struct KeyElement: Encodable { var AttributeName: String; var KeyType: String }
        struct Input: Encodable { var TableName: String; var AttributeDefinitions: [Attribute]; var KeySchema: [KeyElement]; var BillingMode = "PAY_PER_REQUEST" }
        var attributes = [Attribute(AttributeName: hashKey)]
        var schema = [KeyElement(AttributeName: hashKey, KeyType: "HASH")]
        if let rangeKey {
            attributes.append(Attribute(AttributeName: rangeKey))
            schema.append(KeyElement(AttributeName: rangeKey, KeyType: "RANGE"))
        }
        _ = try await client.json(.dynamoDB, "CreateTable", Input(TableName: name, AttributeDefinitions: attributes, KeySchema: schema), as: AWSEmpty.self)
    }

    /// The members every item-level request shares; nil ones are left out of the JSON.
    struct Request: Encodable {
        var TableName: String
        var Item: DynamoItem?
        var Key: DynamoItem?
        var UpdateExpression: String?
        var ConditionExpression: String?
        var KeyConditionExpression: String?
        var ExpressionAttributeNames: [String: String]?
        var ExpressionAttributeValues: DynamoItem?
        var ReturnValues: String?
        var IndexName: String?
        var Limit: Int?
        var ScanIndexForward: Bool?
        var ExclusiveStartKey: DynamoItem?

        init(table: String) { TableName = table }

        mutating func apply(condition: Expression?) {
            guard let condition else { return }
            ConditionExpression = condition.text
            merge(condition)
        }

        mutating func apply(update: Expression) {
            UpdateExpression = update.text
            merge(update)
        }

        mutating func merge(_ expression: Expression) {
            if !expression.names.isEmpty { ExpressionAttributeNames = (ExpressionAttributeNames ?? [:]).merging(expression.names) { $1 } }
            if !expression.values.isEmpty { ExpressionAttributeValues = (ExpressionAttributeValues ?? [:]).merging(expression.values) { $1 } }
        }
    }
}
