import Foundation
import KlaxonCore
import Yams

extension ConfigReader {
    /// The three keys a secret `key` may be given under: the value itself, `key_env` (the name of
    /// an environment variable holding it) and `key_file` (a file holding it).
    static func secretKeys(_ key: String) -> [String] {
        [key, "\(key)_env", "\(key)_file"]
    }

    /// Resolves the secret `key` of `mapping`. Reports a missing one when `required`, more than
    /// one form given, an unset or empty variable, an unreadable or empty file. Never puts the
    /// secret's value in a message.
    ///
    /// Whatever the form, text that starts with `arn:` is a reference (``SecretReference``),
    /// fetched at first use; a malformed one is reported here. Where the secret is read
    /// synchronously (`references: false`) an ARN is reported as not supported at that key.
    func secret(_ mapping: ConfigMapping, _ key: String, required: Bool, references: Bool = true) -> Secret? {
        let given = Self.secretKeys(key).filter { mapping.has($0) }
        guard !given.isEmpty else {
            if required { report(mapping.path(key), "missing required key (or \(key)_env / \(key)_file)", at: mapping.node) }
            return nil
        }
        guard given.count == 1 else {
            report(mapping.path, "give only one of \(given.joined(separator: ", "))", at: mapping.node)
            return nil
        }
        let form = given[0]
        guard let node = mapping[form] else { return nil }
        let path = mapping.path(form)
        if form == key {
            guard let text = string(node, at: path) else { return nil }
            guard !text.isEmpty else {
                report(path, "must not be empty", at: node)
                return nil
            }
            return madeSecret(text, at: path, node: node, references: references)
        }
        guard let reference = string(node, at: path) else { return nil }
        let secret = form.hasSuffix("_env")
            ? secretFromEnvironment(reference, at: path, node: node)
            : secretFromFile(reference, at: path, node: node)
        return secret.flatMap { madeSecret($0.value, at: path, node: node, references: references) }
    }

    /// `text` as a given secret, or as a reference when it is an ARN (reported when malformed or
    /// not allowed here). Each reference's path is kept so the loader can require `aws.region`.
    func madeSecret(_ text: String, at path: ConfigPath, node: Node?, references: Bool) -> Secret? {
        guard SecretReference.looksLikeARN(text) else { return Secret(text) }
        guard references else {
            report(path, "an ARN is not supported for this secret yet (it is read at start-up): give the value, *_env or *_file", at: node)
            return nil
        }
        do {
            let reference = try SecretReference(parsing: text)
            secretReferences.append((path, node))
            return Secret(reference: reference, keyPath: path.description)
        } catch {
            report(path, error.description, at: node)
            return nil
        }
    }

    /// A list of secrets given as `key` (values), `key_env` (variable names) and `key_file` (file
    /// paths), all of which may be present; the result concatenates them in that order.
    func secretList(_ mapping: ConfigMapping, _ key: String) -> [Secret] {
        var secrets: [Secret] = []
        if let node = mapping[key], let items = list(node, at: mapping.path(key)) {
            for (index, item) in items.enumerated() {
                guard let text = string(item, at: mapping.path(key).index(index)) else { continue }
                guard !text.isEmpty else {
                    report(mapping.path(key).index(index), "must not be empty", at: item)
                    continue
                }
                if let secret = madeSecret(text, at: mapping.path(key).index(index), node: item, references: true) { secrets.append(secret) }
            }
        }
        for suffix in ["_env", "_file"] {
            let listKey = key + suffix
            guard let node = mapping[listKey], let items = list(node, at: mapping.path(listKey)) else { continue }
            for (index, item) in items.enumerated() {
                let path = mapping.path(listKey).index(index)
                guard let reference = string(item, at: path) else { continue }
                let secret = suffix == "_env"
                    ? secretFromEnvironment(reference, at: path, node: item)
                    : secretFromFile(reference, at: path, node: item)
                if let secret, let made = madeSecret(secret.value, at: path, node: item, references: true) { secrets.append(made) }
            }
        }
        return secrets
    }

    func secretFromEnvironment(_ name: String, at path: ConfigPath, node: Node) -> Secret? {
        guard !name.isEmpty else {
            report(path, "must name an environment variable", at: node)
            return nil
        }
        guard let value = environment[name] else {
            report(path, "environment variable \"\(name)\" is not set", at: node)
            return nil
        }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            report(path, "environment variable \"\(name)\" is empty", at: node)
            return nil
        }
        return Secret(trimmed)
    }

    func secretFromFile(_ filePath: String, at path: ConfigPath, node: Node) -> Secret? {
        guard !filePath.isEmpty else {
            report(path, "must name a file", at: node)
            return nil
        }
        let contents: String
        do {
            contents = try readFile(filePath)
        } catch {
            // The error's type only: its text is the caller's and could quote more than we want.
            report(path, "cannot read file \"\(filePath)\" (\(type(of: error)))", at: node)
            return nil
        }
        let trimmed = contents.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            report(path, "file \"\(filePath)\" is empty", at: node)
            return nil
        }
        return Secret(trimmed)
    }
}
