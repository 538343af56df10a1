/// The built-in Discord templates (see ``MessageTemplates``); a receiver's `template:` overrides any.
///
/// - `content` (plain style): `**{subject}**` then the message in a code block; for an EC2 state
///   change one line, `{emoji} EC2 {instance_id} is now {state}`.
/// - `title`, `description` (embed style).
/// - `resolution`: the short line posted after editing the original message on RESOLVED.
package enum DiscordTemplates {
    package static let defaults: [String: String] = [
        "content": """
            {{#ec2}}{{emoji}} EC2 {{instance_id}} is now {{state}}{{/ec2}}{{^ec2}}**{{subject}}**{{#code_message}}
            ```
            {{code_message}}
            ```{{/code_message}}{{/ec2}}
            """,
        "title": "{{severity_emoji}} {{#resolved}}RESOLVED: {{/resolved}}{{title}}",
        "description": """
            {{#ec2}}{{emoji}} EC2 {{instance_id}} is now {{state}}{{/ec2}}{{^ec2}}{{#summary}}**{{summary}}**

            {{/summary}}{{message}}{{/ec2}}
            """,
        "resolution": "✅ Resolved: **{{title}}**",
    ]
}
