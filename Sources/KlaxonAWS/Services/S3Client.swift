/// S3 PutObject / GetObject (reports and archives). REST-XML; path-style addressing when the
/// endpoint is overridden (moto, VPC endpoints), virtual-hosted otherwise.
///
/// API: https://docs.aws.amazon.com/AmazonS3/latest/API/
package struct S3Client: Sendable {
    /// An object's bytes and the headers Klaxon reads.
    package struct Object: Sendable, Equatable {
        package var body: [UInt8]
        package var contentType: String?
        package var eTag: String?
    }

    package let client: AWSClient

    package init(client: AWSClient) { self.client = client }

    /// Creates a bucket in the client's region.
    package func createBucket(_ bucket: String) async throws {
        var body: [UInt8] = []
        let region = client.settings.region
        if region != "us-east-1" {
            body = Array("<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><LocationConstraint>\(region)</LocationConstraint></CreateBucketConfiguration>".utf8)
        }
        _ = try await client.send(request(bucket: bucket, key: nil, method: "PUT", body: body), to: .s3, operation: "CreateBucket")
    }

    /// Stores an object; returns its ETag.
    @discardableResult
    package func putObject(bucket: String, key: String, body: [UInt8], contentType: String = "application/octet-stream") async throws -> String? {
        var request = request(bucket: bucket, key: key, method: "PUT", body: body)
        request.headers.append(("Content-Type", contentType))
        return try await client.send(request, to: .s3, operation: "PutObject").header("ETag")
    }

    /// Reads an object; a missing one throws `AWSError` with code `NoSuchKey`.
    package func getObject(bucket: String, key: String) async throws -> Object {
        let response = try await client.send(request(bucket: bucket, key: key, method: "GET", body: []), to: .s3, operation: "GetObject")
        return Object(body: response.body, contentType: response.header("Content-Type"), eTag: response.header("ETag"))
    }

    /// Path-style (`/bucket/key`) when an endpoint is configured, else virtual-hosted, which
    /// needs the bucket in the host: that is done by the endpoint prefix, not supported yet, so
    /// path-style is used throughout (S3 keeps serving it for existing buckets).
    func request(bucket: String, key: String?, method: String, body: [UInt8]) -> AWSRequest {
        var path = "/" + URIEncoding.encode(bucket)
        if let key { path += "/" + URIEncoding.encode(key, keepSlash: true) }
        return AWSRequest(method: method, path: path, body: body)
    }
}
