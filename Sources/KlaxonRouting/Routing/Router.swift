import KlaxonCore

/// Decides which receivers an alert goes to, from the configured routes.
///
/// Routes are tried in order. A matching route adds its receivers; it stops the search unless it
/// has `continue: true`. The result keeps route order and names each receiver once.
package struct Router: Sendable {
    package let routes: [RouteConfig]

    package init(routes: [RouteConfig]) {
        self.routes = routes
    }

    /// Receiver names for an alert, in route order, without duplicates; empty when nothing matches.
    package func receivers(for subject: some MatchSubject) -> [String] {
        var names: [String] = []
        var seen = Set<String>()
        for index in matchingRouteIndices(for: subject) {
            for name in routes[index].receivers where seen.insert(name).inserted {
                names.append(name)
            }
        }
        return names
    }

    /// The indices of the routes that take the alert, in order (for explaining a routing decision).
    package func matchingRouteIndices(for subject: some MatchSubject) -> [Int] {
        var indices: [Int] = []
        for (index, route) in routes.enumerated() where route.matches(subject) {
            indices.append(index)
            if !route.continueMatching { break }
        }
        return indices
    }
}
