/// What the client needs to know to call one AWS service. Adding a service is one of these plus
/// a thin client with its operations.
///
/// The values come from each service's Smithy model (`aws.api#service`: sdkId, arnNamespace,
/// endpointPrefix; `aws.auth#sigv4` name; the protocol trait).
package struct AWSService: Sendable, Equatable {
    package enum WireProtocol: Sendable, Equatable {
        /// `POST /`, `X-Amz-Target: <targetPrefix>.<Operation>`, JSON both ways.
        case awsJSON(version: String, targetPrefix: String)
        /// `POST /` form body `Action=…&Version=…`, XML answers.
        case query(apiVersion: String)
        /// HTTP-bound operations, XML bodies (S3).
        case restXML
        /// HTTP-bound operations, JSON bodies (Lambda).
        case restJSON
    }

    /// The SDK service id (`SSM`, `DynamoDB`, `Cost Explorer`): `AWS_ENDPOINT_URL_<ID>` uses it
    /// upper-cased with spaces as underscores, the config file's `services` section lower-cased.
    package var sdkID: String
    package var signingName: String
    package var endpointPrefix: String
    package var wireProtocol: WireProtocol
    package var signing: SigningOptions
    /// For services with one endpoint and signing region whatever region is configured
    /// (Cost Explorer: us-east-1).
    package var fixedRegion: String?

    package init(sdkID: String, signingName: String, endpointPrefix: String? = nil, wireProtocol: WireProtocol, signing: SigningOptions = .standard, fixedRegion: String? = nil) {
        self.sdkID = sdkID
        self.signingName = signingName
        self.endpointPrefix = endpointPrefix ?? signingName
        self.wireProtocol = wireProtocol
        self.signing = signing
        self.fixedRegion = fixedRegion
    }

    /// `AWS_ENDPOINT_URL_<this>`.
    package var environmentKey: String {
        sdkID.uppercased().replacingOccurrences(of: " ", with: "_")
    }

    /// The key inside a config file `[services …]` section.
    package var configKey: String {
        sdkID.lowercased().replacingOccurrences(of: " ", with: "_")
    }
}

extension AWSService {
    package static let ssm = AWSService(sdkID: "SSM", signingName: "ssm", wireProtocol: .awsJSON(version: "1.1", targetPrefix: "AmazonSSM"))
    package static let dynamoDB = AWSService(sdkID: "DynamoDB", signingName: "dynamodb", wireProtocol: .awsJSON(version: "1.0", targetPrefix: "DynamoDB_20120810"))
    package static let sqs = AWSService(sdkID: "SQS", signingName: "sqs", wireProtocol: .awsJSON(version: "1.0", targetPrefix: "AmazonSQS"))
    package static let sns = AWSService(sdkID: "SNS", signingName: "sns", wireProtocol: .query(apiVersion: "2010-03-31"))
    package static let s3 = AWSService(sdkID: "S3", signingName: "s3", wireProtocol: .restXML, signing: .s3)
    package static let cloudWatch = AWSService(sdkID: "CloudWatch", signingName: "monitoring", wireProtocol: .query(apiVersion: "2010-08-01"))
    package static let costExplorer = AWSService(sdkID: "Cost Explorer", signingName: "ce", wireProtocol: .awsJSON(version: "1.1", targetPrefix: "AWSInsightsIndexService"), fixedRegion: "us-east-1")
    package static let secretsManager = AWSService(sdkID: "Secrets Manager", signingName: "secretsmanager", wireProtocol: .awsJSON(version: "1.1", targetPrefix: "secretsmanager"))
    package static let sts = AWSService(sdkID: "STS", signingName: "sts", wireProtocol: .query(apiVersion: "2011-06-15"))
    package static let lambda = AWSService(sdkID: "Lambda", signingName: "lambda", wireProtocol: .restJSON)
    package static let iam = AWSService(sdkID: "IAM", signingName: "iam", wireProtocol: .query(apiVersion: "2010-05-08"), fixedRegion: "us-east-1")
}
