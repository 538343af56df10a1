/// `detail` payloads of the EventBridge events Klaxon maps.
/// EC2: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/monitoring-instance-state-changes.html
/// ECS: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs_cwe_events.html
/// Health: https://docs.aws.amazon.com/health/latest/ug/aws-health-events-eventbridge-schema.html

struct EC2InstanceStateDetail: Decodable {
    var instanceId: String?
    /// Some samples (Powertools) spell it `instance_id`.
    var instanceIdUnderscore: String?
    var state: String?

    enum CodingKeys: String, CodingKey { case instanceId = "instance-id", instanceIdUnderscore = "instance_id", state }
}

struct ECSTaskDetail: Decodable {
    struct Container: Decodable {
        var name: String?
        var exitCode: Int?
        var reason: String?
        var lastStatus: String?
    }
    var taskArn: String?
    var clusterArn: String?
    var group: String?
    var lastStatus: String?
    var desiredStatus: String?
    var stopCode: String?
    var stoppedReason: String?
    var stoppedAt: String?
    var updatedAt: String?
    var taskDefinitionArn: String?
    var containers: [Container]?
}

struct ECSServiceEventDetail: Decodable {
    var eventType: String?
    var eventName: String?
    var clusterArn: String?
    var deploymentId: String?
    var reason: String?
    var createdAt: String?
    var updatedAt: String?
}

struct ECSContainerInstanceDetail: Decodable {
    var clusterArn: String?
    var containerInstanceArn: String?
    var ec2InstanceId: String?
    var status: String?
    var agentConnected: Bool?
    var updatedAt: String?
}

struct HealthEventDetail: Decodable {
    struct Description: Decodable {
        var language: String?
        var latestDescription: String?
    }
    struct Entity: Decodable {
        var entityValue: String?
        var tags: [String: String]?
    }
    var eventArn: String?
    var service: String?
    var eventTypeCode: String?
    var eventTypeCategory: String?
    var statusCode: String?
    var eventDescription: [Description]?
    var affectedEntities: [Entity]?
}
