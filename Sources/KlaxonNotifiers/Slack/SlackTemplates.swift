/// The built-in Slack templates: `text` (the notification fall-back), `title` (the header block,
/// plain text), `body` (the section, mrkdwn) and `resolution`. Values in the context of `text`,
/// `body` and `resolution` are already escaped for mrkdwn (Slack parses mentions in all three).
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
