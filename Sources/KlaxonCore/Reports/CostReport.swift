import Foundation

/// Month-to-date cloud spend, as `/cost` (chat) and `klaxon cost` show it.
///
/// KlaxonAWS builds it from Cost Explorer's `GetCostAndUsage`; the chat and CLI code only render
/// it, so they depend on ``CostSource`` and never on AWS.
package struct CostReport: Sendable, Equatable, Codable {
    /// One service's share of the month so far.
    package struct ServiceCost: Sendable, Equatable, Codable {
        package var service: String
        package var amount: Double

        package init(service: String, amount: Double) {
            self.service = service
            self.amount = amount
        }
    }

    /// ISO 4217 code as Cost Explorer reports it (`USD`).
    package var currency: String
    /// First day counted, `YYYY-MM-DD` (UTC).
    package var periodStart: String
    /// Last day counted, inclusive, `YYYY-MM-DD` (UTC).
    package var periodEnd: String
    package var monthToDate: Double
    /// The largest services first, at most the N asked for.
    package var topServices: [ServiceCost]
    /// Spend on the day before the report (nil when Cost Explorer has nothing for it yet).
    package var yesterday: Double?
    /// Spend over the same days of the previous month, for the comparison.
    package var sameDaysLastMonth: Double?

    package init(
        currency: String, periodStart: String, periodEnd: String, monthToDate: Double, topServices: [ServiceCost],
        yesterday: Double?, sameDaysLastMonth: Double?
    ) {
        self.currency = currency
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.monthToDate = monthToDate
        self.topServices = topServices
        self.yesterday = yesterday
        self.sameDaysLastMonth = sameDaysLastMonth
    }

    /// Month-to-date against the same days of last month, in percent; nil when there is nothing
    /// to compare with.
    package var changePercent: Double? {
        guard let previous = sameDaysLastMonth, previous > 0 else { return nil }
        return (monthToDate - previous) / previous * 100
    }
}

/// Why a cost report could not be made. The message is safe to show in chat.
package enum CostReportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No cost source is configured (self-hosted without AWS).
    case notConfigured
    /// The credentials may not call Cost Explorer (`AccessDeniedException`).
    case accessDenied
    /// Any other failure, with a bounded reason.
    case unavailable(reason: String)

    package var description: String {
        switch self {
        case .notConfigured:
            return "No cost source is configured: set `aws:` in the configuration to read Cost Explorer."
        case .accessDenied:
            return "Cost Explorer refused access: the role needs ce:GetCostAndUsage."
        case .unavailable(let reason):
            return "The cost report is unavailable right now (\(reason))."
        }
    }
}

/// Where cost reports come from. KlaxonAWS implements it with Cost Explorer.
package protocol CostSource: Sendable {
    /// The report as of `now`, with at most `top` services listed.
    func costReport(top: Int, now: Date) async throws -> CostReport
}
