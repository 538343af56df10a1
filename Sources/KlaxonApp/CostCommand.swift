import Foundation
import KlaxonAWS
import KlaxonCore

/// `klaxon cost [--json]`: the report `/cost` shows, from Cost Explorer.
package enum CostCommand {
    package static func run(options: ServeOptions, top: Int, json: Bool, now: Date = Date()) async throws -> String {
        let (config, _) = try options.resolve(generateToken: { "" })
        let settings: AWSSettings
        do {
            settings = try AWSSettings.load(region: config.aws.region, environment: options.environment)
        } catch {
            throw ServeOptions.Problem(description: "cannot reach Cost Explorer: \(error)")
        }
        let client = AWSClient(settings: settings, credentials: CredentialChain.standard(settings: settings, httpClient: .shared), httpClient: .shared)
        let report: CostReport
        do {
            report = try await CostExplorerSource(explorer: CostExplorerClient(client: client)).costReport(top: top, now: now)
        } catch let error as CostReportError {
            throw ServeOptions.Problem(description: error.description)
        }
        return json ? try encode(report) : text(report)
    }

    package static func encode(_ report: CostReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }

    /// Plain text, amounts with two decimals.
    package static func text(_ report: CostReport) -> String {
        func money(_ value: Double) -> String { String(format: "%.2f", value) + " " + report.currency }
        var lines = ["Month to date (\(report.periodStart) to \(report.periodEnd)): \(money(report.monthToDate))"]
        let width = report.topServices.map(\.service.count).max() ?? 0
        for service in report.topServices {
            lines.append("  " + service.service.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + money(service.amount))
        }
        lines.append("Yesterday: " + (report.yesterday.map(money) ?? "not available yet"))
        var previous = "Same days last month: " + (report.sameDaysLastMonth.map(money) ?? "not available")
        if let change = report.changePercent { previous += " (" + (change >= 0 ? "+" : "") + String(format: "%.1f", change) + "%)" }
        lines.append(previous)
        return lines.joined(separator: "\n")
    }
}
