import Foundation
import KlaxonCore
import Yams

extension ConfigLoader {
    /// Reads `routes:`, checking each receiver name against `receiverNames`.
    static func readRoutes(_ top: ConfigMapping, receiverNames: Set<String>, reader: ConfigReader) -> [RouteConfig] {
        let path = top.path("routes")
        guard let node = top["routes"] else {
            reader.report(path, "missing required key", at: top.node)
            return []
        }
        guard let items = reader.list(node, at: path) else { return [] }
        if items.isEmpty { reader.report(path, "must not be empty (alerts would go nowhere)", at: node) }
        var routes: [RouteConfig] = []
        for (index, item) in items.enumerated() {
            if let route = readRoute(item, at: path.index(index), receiverNames: receiverNames, reader: reader) {
                routes.append(route)
            }
        }
        return routes
    }

    private static func readRoute(_ node: Node, at path: ConfigPath, receiverNames: Set<String>, reader: ConfigReader) -> RouteConfig? {
        guard let map = reader.mapping(node, at: path, allowed: ["matchers", "receivers", "continue"]) else { return nil }
        var matchers: [Matcher] = []
        if let matchersNode = map["matchers"], let items = reader.list(matchersNode, at: map.path("matchers")) {
            for (index, item) in items.enumerated() {
                let itemPath = map.path("matchers").index(index)
                guard let text = reader.string(item, at: itemPath) else { continue }
                do {
                    matchers.append(try Matcher(parsing: text))
                } catch {
                    reader.report(itemPath, String(describing: error), at: item)
                }
            }
        }
        var receivers: [String] = []
        if map.has("receivers") {
            for (index, name) in (reader.stringList(map, "receivers", nonEmpty: true) ?? []).enumerated() {
                if receiverNames.contains(name) {
                    receivers.append(name)
                } else {
                    let itemNode = map["receivers"].flatMap { node -> Node? in
                        guard case .sequence(let sequence) = node, index < sequence.count else { return nil }
                        return sequence[index]
                    }
                    reader.report(map.path("receivers").index(index), "unknown receiver \"\(name)\"", at: itemNode)
                }
            }
        } else {
            reader.report(map.path("receivers"), "missing required key", at: map.node)
        }
        let continueMatching = reader.bool(map, "continue") ?? false
        return RouteConfig(matchers: matchers, receivers: receivers, continueMatching: continueMatching)
    }
}
