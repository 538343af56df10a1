import Foundation
import KlaxonCore

/// The cost report from Cost Explorer (`GetCostAndUsage`, UnblendedCost), in three calls made in
/// this order: the month so far grouped by SERVICE (MONTHLY), yesterday (DAILY), and the same
/// days of the previous month (MONTHLY).
///
/// Days are UTC, as Cost Explorer counts them. The month so far runs from the 1st through today
/// (today's figure is partial); "the same days of last month" are the 1st through the same day
/// number, cut at the month's end (so March 31st compares with all of February).
/// Access denied becomes ``CostReportError/accessDenied``; any other failure
/// ``CostReportError/unavailable(reason:)`` with the AWS error code.
/// https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_GetCostAndUsage.html
package struct CostExplorerSource: CostSource {
    private let explorer: CostExplorerClient

    package init(explorer: CostExplorerClient) {
        self.explorer = explorer
    }

    package func costReport(top: Int, now: Date) async throws -> CostReport {
        let days = CostPeriods(now: now)
        do {
            let byService = try await explorer.getCostAndUsage(period: days.monthToDate, granularity: "MONTHLY", groupByDimension: "SERVICE")
            let yesterday = try await explorer.getCostAndUsage(period: days.yesterday, granularity: "DAILY")
            let lastMonth = try await explorer.getCostAndUsage(period: days.sameDaysLastMonth, granularity: "MONTHLY")
            var services: [String: Double] = [:]
            var currency: String?
            for result in byService {
                for group in result.groups ?? [] {
                    guard let metric = group.metrics["UnblendedCost"], let amount = Double(metric.amount) else { continue }
                    services[group.keys.first ?? "Other", default: 0] += amount
                    currency = currency ?? metric.unit
                }
            }
            let monthToDate = services.values.reduce(0, +)
            let ranked = services.map { CostReport.ServiceCost(service: $0.key, amount: $0.value) }
                .sorted { $0.amount != $1.amount ? $0.amount > $1.amount : $0.service < $1.service }
            return CostReport(
                currency: currency ?? Self.unit(yesterday) ?? Self.unit(lastMonth) ?? "USD",
                periodStart: days.monthToDate.start, periodEnd: days.lastDayIncluded, monthToDate: monthToDate,
                topServices: Array(ranked.prefix(max(0, top))), yesterday: Self.total(yesterday), sameDaysLastMonth: Self.total(lastMonth))
        } catch let error as AWSError {
            if error.code == "AccessDeniedException" || error.code == "AccessDenied" || error.statusCode == 403 && error.code == nil {
                throw CostReportError.accessDenied
            }
            throw CostReportError.unavailable(reason: error.code ?? error.reason.rawValue)
        }
    }

    /// The sum of the periods' totals; `nil` when Cost Explorer returned no figure at all.
    static func total(_ results: [CostExplorerClient.ResultByTime]) -> Double? {
        let amounts = results.compactMap { $0.total?["UnblendedCost"].flatMap { Double($0.amount) } }
        return amounts.isEmpty ? nil : amounts.reduce(0, +)
    }

    static func unit(_ results: [CostExplorerClient.ResultByTime]) -> String? {
        results.lazy.compactMap { $0.total?["UnblendedCost"]?.unit }.first
    }
}

/// The three date ranges of a cost report, `YYYY-MM-DD` in UTC, end exclusive (as Cost Explorer
/// takes them).
package struct CostPeriods: Sendable, Equatable {
    package var monthToDate: CostExplorerClient.Period
    package var yesterday: CostExplorerClient.Period
    package var sameDaysLastMonth: CostExplorerClient.Period
    /// The last day in `monthToDate`, inclusive (today).
    package var lastDayIncluded: String

    package init(now: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let today = calendar.startOfDay(for: now)
        let monthStart = calendar.date(from: calendar.dateComponents([.year, .month], from: today))!
        let tomorrow = calendar.date(byAdding: .day, value: 1, to: today)!
        let lastMonthStart = calendar.date(byAdding: .month, value: -1, to: monthStart)!
        let dayNumber = calendar.component(.day, from: today)
        let sameDayLastMonth = min(calendar.date(byAdding: .day, value: dayNumber, to: lastMonthStart)!, monthStart)
        func text(_ date: Date) -> String {
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
        }
        monthToDate = .init(start: text(monthStart), end: text(tomorrow))
        yesterday = .init(start: text(calendar.date(byAdding: .day, value: -1, to: today)!), end: text(today))
        sameDaysLastMonth = .init(start: text(lastMonthStart), end: text(sameDayLastMonth))
        lastDayIncluded = text(today)
    }
}
