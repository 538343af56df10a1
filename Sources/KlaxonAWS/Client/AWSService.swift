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
    /// The host of a global service (`iam.amazonaws.com`, `route53.amazonaws.com`), used instead
    /// of `<prefix>.<region>.amazonaws.com`; such services sign for `fixedRegion`.
    package var globalHost: String?

    package init(sdkID: String, signingName: String, endpointPrefix: String? = nil, wireProtocol: WireProtocol, signing: SigningOptions = .standard, fixedRegion: String? = nil, globalHost: String? = nil) {
        self.globalHost = globalHost
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
    package static let iam = AWSService(sdkID: "IAM", signingName: "iam", wireProtocol: .query(apiVersion: "2010-05-08"), fixedRegion: "us-east-1", globalHost: "iam.amazonaws.com")

    // For the remediation work (no typed clients yet; call them with json/query/send).
    package static let ecs = AWSService(sdkID: "ECS", signingName: "ecs", wireProtocol: .awsJSON(version: "1.1", targetPrefix: "AmazonEC2ContainerServiceV20141113"))
    /// EC2 speaks the ec2Query variant: same requests, answers without a `<…Result>` wrapper.
    package static let ec2 = AWSService(sdkID: "EC2", signingName: "ec2", wireProtocol: .query(apiVersion: "2016-11-15"))
    package static let rds = AWSService(sdkID: "RDS", signingName: "rds", wireProtocol: .query(apiVersion: "2014-10-31"))
    package static let elastiCache = AWSService(sdkID: "ElastiCache", signingName: "elasticache", wireProtocol: .query(apiVersion: "2015-02-02"))
    /// Not exercised against moto: its signature check refuses boto3 for Route 53 and CloudFront too.
    package static let route53 = AWSService(sdkID: "Route 53", signingName: "route53", wireProtocol: .restXML, fixedRegion: "us-east-1", globalHost: "route53.amazonaws.com")
    package static let cloudFront = AWSService(sdkID: "CloudFront", signingName: "cloudfront", wireProtocol: .restXML, fixedRegion: "us-east-1", globalHost: "cloudfront.amazonaws.com")
}
