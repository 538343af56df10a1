/// The built-in GitHub templates: `title` (the issue title), `body` (the Markdown body),
/// `comment` (a recurrence comment) and `closing` (the comment written before closing).
///
/// Besides the ``TemplateContext`` values they use GitHub's own (see ``GitHubIssueContent``):
/// `heading` (the title on one line, pipes escaped), `rows` (a list of `field` / `value` for the
/// summary table, values escaped for a table cell), `has_links` and `links` (a list of `name` /
/// `url`), `reason_quoted` (the reason with each line quoted), and `folded` / `folded_times`
/// (recurrences folded into this comment: `4`, `4 more times`; absent when none).
/// `body`, `comment` and `closing` are used exactly as rendered; `title` is trimmed.
/// The fingerprint marker and the length limits are applied after rendering, outside a template.
package enum GitHubTemplates {
    package static let defaults: [String: String] = [
        "title": "[{{priority}}] {{title}}",
        "body": """
            ## {{heading}}

            {{#summary}}
            {{summary}}

            {{/summary}}
            | Field | Value |
            |---|---|
            {{#rows}}
            | {{field}} | {{value}} |
            {{/rows}}

            {{#description}}
            ### Description

            {{description}}

            {{/description}}
            {{#has_links}}
            ### Links

            {{#links}}
            - [{{name}}]({{url}})
            {{/links}}

            {{/has_links}}
            <sub>Opened by Klaxon for occurrence {{occurrence}} of this alert.</sub>

            """,
        "comment": """
            **Fired again** at {{occurred_at}}{{#folded_times}} (and {{folded_times}} since the last comment){{/folded_times}}.
            {{#reason}}

            > {{reason_quoted}}
            {{/reason}}

            """,
        "closing": """
            **Resolved** at {{occurred_at}}.{{#folded_times}} It fired {{folded_times}} after the last comment.{{/folded_times}} Closed by Klaxon.
            {{#reason}}

            > {{reason_quoted}}
            {{/reason}}

            """,
    ]

    /// The defaults alone (a receiver without `template:`). They are tested to parse.
    package static let standard: MessageTemplates = {
        // swiftlint:disable:next force_try
        try! MessageTemplates(defaults: defaults)
    }()
}
