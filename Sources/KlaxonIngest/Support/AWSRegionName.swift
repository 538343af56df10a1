/// AWS region codes from the display names CloudWatch puts in an alarm's `Region` field
/// (`US East (N. Virginia)`, older `US East - N. Virginia`, `EU (Ireland)`). Used only when an
/// alarm has no `AlarmArn` to take the region from.
enum AWSRegionName {
    static func code(for displayName: String) -> String? {
        let key = displayName.lowercased().filter { $0.isLetter || $0.isNumber }
        if let code = table[key] { return code }
        // Already a code (`us-east-1`)?
        let parts = displayName.split(separator: "-")
        if parts.count >= 3, displayName.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }) {
            return displayName
        }
        return nil
    }

    private static let table: [String: String] = {
        let pairs: [(String, String)] = [
            ("US East (N. Virginia)", "us-east-1"), ("US East (Ohio)", "us-east-2"),
            ("US West (N. California)", "us-west-1"), ("US West (Oregon)", "us-west-2"),
            ("Africa (Cape Town)", "af-south-1"), ("Asia Pacific (Hong Kong)", "ap-east-1"),
            ("Asia Pacific (Mumbai)", "ap-south-1"), ("Asia Pacific (Hyderabad)", "ap-south-2"),
            ("Asia Pacific (Tokyo)", "ap-northeast-1"), ("Asia Pacific (Seoul)", "ap-northeast-2"),
            ("Asia Pacific (Osaka)", "ap-northeast-3"), ("Asia Pacific (Singapore)", "ap-southeast-1"),
            ("Asia Pacific (Sydney)", "ap-southeast-2"), ("Asia Pacific (Jakarta)", "ap-southeast-3"),
            ("Asia Pacific (Melbourne)", "ap-southeast-4"), ("Canada (Central)", "ca-central-1"),
            ("Canada West (Calgary)", "ca-west-1"),
            ("EU (Frankfurt)", "eu-central-1"), ("EU (Zurich)", "eu-central-2"), ("EU (Ireland)", "eu-west-1"),
            ("EU (London)", "eu-west-2"), ("EU (Paris)", "eu-west-3"), ("EU (Milan)", "eu-south-1"),
            ("EU (Spain)", "eu-south-2"), ("EU (Stockholm)", "eu-north-1"),
            ("Europe (Frankfurt)", "eu-central-1"), ("Europe (Zurich)", "eu-central-2"),
            ("Europe (Ireland)", "eu-west-1"), ("Europe (London)", "eu-west-2"), ("Europe (Paris)", "eu-west-3"),
            ("Europe (Milan)", "eu-south-1"), ("Europe (Spain)", "eu-south-2"), ("Europe (Stockholm)", "eu-north-1"),
            ("Israel (Tel Aviv)", "il-central-1"), ("Middle East (Bahrain)", "me-south-1"),
            ("Middle East (UAE)", "me-central-1"), ("South America (Sao Paulo)", "sa-east-1"),
            ("South America (São Paulo)", "sa-east-1"),
            ("AWS GovCloud (US-West)", "us-gov-west-1"), ("AWS GovCloud (US-East)", "us-gov-east-1"),
        ]
        var table: [String: String] = [:]
        for (name, code) in pairs {
            table[name.lowercased().filter { $0.isLetter || $0.isNumber }] = code
        }
        return table
    }()
}
