/// Static keys from a shared-file profile: the credentials file's `[name]`, else the config
/// file's `[profile name]` (`aws_access_key_id`, `aws_secret_access_key`, `aws_session_token`).
///
/// Profiles that assume a role, run a process or use SSO are not supported: such a profile
/// fails with a clear message instead of being skipped silently.
package struct ProfileCredentialProvider: CredentialProvider {
    package let settings: AWSSettings

    package init(settings: AWSSettings) { self.settings = settings }

    package func credentials() async throws -> AWSCredentials? {
        let name = settings.profileName
        let sections = [settings.credentialsFile.credentialsProfile(name), settings.configFile.configProfile(name)].compactMap { $0 }
        for section in sections {
            if let id = section["aws_access_key_id"] {
                guard let secret = section["aws_secret_access_key"] else {
                    throw AWSError.credentials("profile \(name) has aws_access_key_id but no aws_secret_access_key")
                }
                return AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: section["aws_session_token"], source: "profile:\(name)")
            }
        }
        if let section = sections.first(where: { $0["role_arn"] != nil || $0["credential_process"] != nil || $0["sso_session"] != nil || $0["sso_start_url"] != nil }) {
            let kind = section["role_arn"] != nil ? "role_arn" : section["credential_process"] != nil ? "credential_process" : "sso"
            throw AWSError.credentials("profile \(name) uses \(kind), which Klaxon's AWS client does not support: give it static keys, or use environment, container or instance credentials")
        }
        if settings.environment["AWS_PROFILE"] != nil, sections.isEmpty {
            throw AWSError.credentials("AWS_PROFILE names profile \(name), which is in neither the credentials nor the config file")
        }
        return nil
    }
}
