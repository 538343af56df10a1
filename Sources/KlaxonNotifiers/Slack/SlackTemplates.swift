/// The built-in Slack templates: `text` (the notification fall-back), `title` (the header block,
/// plain text), `body` (the section, mrkdwn; values in its context are already escaped for mrkdwn).
package enum SlackTemplates {
    package static let defaults: [String: String] = [
        "text": "{{severity_emoji}} {{#resolved}}RESOLVED: {{/resolved}}{{title}} ({{priority}})",
        "title": "{{severity_emoji}} {{#resolved}}RESOLVED: {{/resolved}}{{title}}",
        "body": """
            {{#ec2}}{{emoji}} EC2 {{instance_id}} is now {{state}}{{/ec2}}{{^ec2}}{{#summary}}*{{summary}}*

            {{/summary}}{{message}}{{/ec2}}
            """,
        "resolution": "✅ Resolved: *{{title}}*",
    ]
}
