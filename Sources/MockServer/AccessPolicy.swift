import APIRegistry

/// Who may call the mock: tokens given with `--token` hold every scope, those given with
/// `--read-only-token` only the read scope. With no tokens at all the mock is open.
public struct AccessPolicy: Sendable, Equatable {
    public var tokens: Set<String>
    public var readOnlyTokens: Set<String>

    public init(tokens: Set<String> = [], readOnlyTokens: Set<String> = []) {
        self.tokens = tokens
        self.readOnlyTokens = readOnlyTokens
    }

    public static let open = AccessPolicy()

    public var isOpen: Bool { tokens.isEmpty && readOnlyTokens.isEmpty }

    /// What a token may do.
    public enum Grant: Sendable, Equatable {
        case everything, readOnly
    }

    /// The grant of `token`, or the 401 the API answers when it has none.
    func grant(_ token: String?, header: String) -> Result<Grant, APIError> {
        guard !isOpen else { return .success(.everything) }
        guard let token, !token.isEmpty else { return .failure(.unauthenticated(header: header, sent: false)) }
        if tokens.contains(token) { return .success(.everything) }
        if readOnlyTokens.contains(token) { return .success(.readOnly) }
        return .failure(.unauthenticated(header: header, sent: true))
    }

    /// The 401 or 403 for a request that leads to `route`, or nil when allowed. Paths and
    /// methods the API does not have are let through to get their 404 or 405.
    func denial(token: String?, route: RegistryRoute, info: APIInfo) -> APIError? {
        switch grant(token, header: info.authHeader) {
        case .failure(let error): return error
        case .success(.everything): return nil
        case .success(.readOnly):
            switch route {
            case .operation(let resource, let operation, _, _, _) where operation.kind.isWrite:
                guard let scope = info.scope(for: operation.kind) else { return nil }
                return .forbidden(
                    header: info.authHeader, method: operation.method, path: resource.path(of: operation), scope: scope.name)
            case .singleton(let singleton, _, true):
                guard let scope = info.scope(for: .update) else { return nil }
                return .forbidden(header: info.authHeader, method: "PUT", path: singleton.path, scope: scope.name)
            case .action(let resource, let action, _, _, _) where !action.readOnly:
                guard let scope = info.scope(for: .create) else { return nil }
                return .forbidden(header: info.authHeader, method: "POST", path: resource.path(of: action), scope: scope.name)
            default:
                return nil
            }
        }
    }
}
