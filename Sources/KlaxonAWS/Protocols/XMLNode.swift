import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed XML element: name (without namespace prefix), text, children. Enough to read the
/// query and REST-XML answers of AWS services.
package struct XMLNode: Sendable, Equatable {
    package var name: String
    package var text: String
    package var children: [XMLNode]

    package init(name: String, text: String = "", children: [XMLNode] = []) {
        self.name = name
        self.text = text
        self.children = children
    }

    /// The direct child called `name`.
    package func child(_ name: String) -> XMLNode? { children.first { $0.name == name } }

    /// Direct children called `name`.
    package func children(_ name: String) -> [XMLNode] { children.filter { $0.name == name } }

    /// Follows direct children by name: `node.path("Foo", "Bar")`.
    package func path(_ names: String...) -> XMLNode? {
        var node: XMLNode? = self
        for name in names { node = node?.child(name) }
        return node
    }

    /// The first element called `name` at any depth (depth-first), this one included.
    package func first(_ name: String) -> XMLNode? {
        if self.name == name { return self }
        for child in children {
            if let found = child.first(name) { return found }
        }
        return nil
    }

    /// Text of the direct child `name`.
    package func string(_ name: String) -> String? { child(name)?.text }

    package static func parse(_ bytes: [UInt8]) throws -> XMLNode {
        let builder = Builder()
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = builder
        parser.shouldProcessNamespaces = false
        guard parser.parse(), let root = builder.root else {
            throw AWSError(reason: .decoding, message: "the answer is not well-formed XML")
        }
        return root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var stack: [XMLNode] = []
        var root: XMLNode?

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
            stack.append(XMLNode(name: local))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].text += string
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            guard var node = stack.popLast() else { return }
            if !node.children.isEmpty { node.text = node.text.trimmingCharacters(in: .whitespacesAndNewlines) }
            if stack.isEmpty { root = node } else { stack[stack.count - 1].children.append(node) }
        }
    }
}
