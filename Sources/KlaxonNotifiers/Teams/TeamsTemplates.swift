/// The built-in Teams templates: `title`, `body` (Adaptive Card TextBlock markdown), and
/// `approval_url` (empty by default: no "Approval" button unless configured).
package enum TeamsTemplates {
    package static let defaults: [String: String] = [
        "title": "{{severity_emoji}} {{#resolved}}RESOLVED: {{/resolved}}{{title}}",
        "body": """
            {{#ec2}}{{emoji}} EC2 {{instance_id}} is now {{state}}{{/ec2}}{{^ec2}}{{#summary}}**{{summary}}**

            {{/summary}}{{message}}{{/ec2}}
            """,
        "approval_url": "",
    ]
}
