/// Deprecation, sunsets and webhooks: what a release announces before it removes.
enum LifecycleChecks {
    static let deprecated = DiffCheck("operation-deprecated", "An operation was marked deprecated.") { context in
        context.sharedOperations.compactMap { pair in
            guard pair.head.node["deprecated"]?.json == .bool(true), pair.base.node["deprecated"]?.json != .bool(true) else { return nil }
            let sunset = pair.head.node["x-sunset"]?.string.map { ", sunset \($0)" } ?? ""
            return Change(
                "operation-deprecated", .info, "\(pair.head.name) is now deprecated\(sunset)", in: .head,
                at: pair.head.location + ["deprecated"], pair.head.node["deprecated"]?.location)
        }
    }

    static let sunsetEarlier = DiffCheck("sunset-moved-earlier", "An operation's `x-sunset` date moved earlier.") { context in
        context.sharedOperations.compactMap { pair in
            guard let old = pair.base.node["x-sunset"]?.string, let new = pair.head.node["x-sunset"]?.string, new < old else { return nil }
            return Change(
                "sunset-moved-earlier", .warning, "\(pair.head.name): x-sunset moved from \(old) to \(new)", in: .head,
                at: pair.head.location + ["x-sunset"], pair.head.node["x-sunset"]?.location)
        }
    }

    static let stabilityChanged = DiffCheck(
        "stability-changed", "An operation's `x-stability-level` changed (stable, beta, alpha, draft)."
    ) { context in
        let rank = ["draft": 0, "alpha": 1, "beta": 2, "stable": 3]
        return context.sharedOperations.compactMap { pair in
            let old = pair.base.node["x-stability-level"]?.string ?? "stable"
            let new = pair.head.node["x-stability-level"]?.string ?? "stable"
            guard old != new else { return nil }
            // Going back from stable withdraws a promise clients relied on.
            let level: ChangeLevel = (rank[new] ?? 3) < (rank[old] ?? 3) ? .warning : .info
            return Change(
                "stability-changed", level, "\(pair.head.name): x-stability-level went from \(old) to \(new)", in: .head,
                at: pair.head.location + ["x-stability-level"], pair.head.node["x-stability-level"]?.location ?? pair.head.node.location)
        }
    }

    static let webhookRemoved = DiffCheck("webhook-removed", "A webhook was removed: subscribers stop receiving it.") { context in
        let kept = Set(context.head.root["webhooks"]?.members.map(\.key) ?? [])
        return (context.base.root["webhooks"]?.members ?? []).filter { !kept.contains($0.key) }.map {
            Change("webhook-removed", .breaking, "webhook \($0.key) was removed", in: .base, at: ["webhooks", $0.key], $0.keyLocation)
        }
    }

    static let webhookAdded = DiffCheck("webhook-added", "A webhook was added.") { context in
        let old = Set(context.base.root["webhooks"]?.members.map(\.key) ?? [])
        return (context.head.root["webhooks"]?.members ?? []).filter { !old.contains($0.key) }.map {
            Change("webhook-added", .info, "webhook \($0.key) was added", in: .head, at: ["webhooks", $0.key], $0.keyLocation)
        }
    }

    static let all = [deprecated, sunsetEarlier, stabilityChanged, webhookRemoved, webhookAdded]
}
