import Foundation
import SpecReader

/// Deprecation, sunsets and webhooks: what a release announces before it removes.
enum LifecycleChecks {
    /// Days from `from` to `to`, both `YYYY-MM-DD` (or a date-time, whose day counts); nil when
    /// either is not a date.
    static func days(from: String, to: String) -> Int? {
        let style = Date.ISO8601FormatStyle().year().month().day()
        guard let start = try? Date(String(from.prefix(10)), strategy: style), let end = try? Date(String(to.prefix(10)), strategy: style)
        else { return nil }
        return Int((end.timeIntervalSince(start) / 86_400).rounded())
    }

    static let removedBeforeSunset = DiffCheck(
        "removed-before-sunset", "An operation was removed before the `x-sunset` date it announced (needs --date).", level: .breaking
    ) { context in
        guard let today = context.options.date else { return [] }
        let kept = Set(context.head.operations.map(DiffContext.key))
        return context.base.operations.compactMap { operation in
            guard !kept.contains(DiffContext.key(operation)), let sunset = operation.node["x-sunset"]?.string,
                let left = days(from: today, to: sunset), left > 0
            else { return nil }
            return DiffHit(
                "\(operation.name) was removed \(left) days before its sunset, \(sunset)", in: .base,
                at: operation.location, operation.node.location)
        }
    }

    static let sunsetTooSoon = DiffCheck(
        "sunset-too-soon",
        "A deprecated operation's `x-sunset` is sooner than the policy's minimum days after --date (--min-sunset-days).",
        level: .warning
    ) { context in
        guard let today = context.options.date, context.options.minimumSunsetDays > 0 else { return [] }
        return context.sharedOperations.compactMap { pair in
            guard pair.head.node["deprecated"]?.json == .bool(true), let sunset = pair.head.node["x-sunset"]?.string,
                pair.base.node["x-sunset"]?.string != sunset || pair.base.node["deprecated"]?.json != .bool(true),
                let left = days(from: today, to: sunset), left < context.options.minimumSunsetDays
            else { return nil }
            return DiffHit(
                "\(pair.head.name): x-sunset \(sunset) is \(left) days away; the policy asks for at least \(context.options.minimumSunsetDays)",
                in: .head, at: pair.head.location + ["x-sunset"], pair.head.node["x-sunset"]?.location)
        }
    }

    static let deprecated = DiffCheck("operation-deprecated", "An operation was marked deprecated.", level: .info) { context in
        context.sharedOperations.compactMap { pair in
            guard pair.head.node["deprecated"]?.json == .bool(true), pair.base.node["deprecated"]?.json != .bool(true) else { return nil }
            let sunset = pair.head.node["x-sunset"]?.string.map { ", sunset \($0)" } ?? ""
            return DiffHit(
                "\(pair.head.name) is now deprecated\(sunset)", in: .head,
                at: pair.head.location + ["deprecated"], pair.head.node["deprecated"]?.location)
        }
    }

    static let sunsetEarlier = DiffCheck("sunset-moved-earlier", "An operation's `x-sunset` date moved earlier.", level: .warning) {
        context in
        context.sharedOperations.compactMap { pair in
            guard let old = pair.base.node["x-sunset"]?.string, let new = pair.head.node["x-sunset"]?.string, new < old else { return nil }
            return DiffHit(
                "\(pair.head.name): x-sunset moved from \(old) to \(new)", in: .head,
                at: pair.head.location + ["x-sunset"], pair.head.node["x-sunset"]?.location)
        }
    }

    static let stabilityChanged = DiffCheck(
        "stability-changed", "An operation's `x-stability-level` changed (stable, beta, alpha, draft).", level: .warning
    ) { context in
        let rank = ["draft": 0, "alpha": 1, "beta": 2, "stable": 3]
        return context.sharedOperations.compactMap { pair in
            let old = pair.base.node["x-stability-level"]?.string ?? "stable"
            let new = pair.head.node["x-stability-level"]?.string ?? "stable"
            guard old != new else { return nil }
            // Going back from stable withdraws a promise clients relied on.
            let level: ChangeLevel = (rank[new] ?? 3) < (rank[old] ?? 3) ? .warning : .info
            return DiffHit(
                level: level, "\(pair.head.name): x-stability-level went from \(old) to \(new)", in: .head,
                at: pair.head.location + ["x-stability-level"], pair.head.node["x-stability-level"]?.location ?? pair.head.node.location)
        }
    }

    static let webhookRemoved = DiffCheck("webhook-removed", "A webhook was removed: subscribers stop receiving it.", level: .breaking) {
        context in
        let kept = Set(context.head.root["webhooks"]?.members.map(\.key) ?? [])
        return (context.base.root["webhooks"]?.members ?? []).filter { !kept.contains($0.key) }.map {
            DiffHit("webhook \($0.key) was removed", in: .base, at: ["webhooks", $0.key], $0.keyLocation)
        }
    }

    static let webhookAdded = DiffCheck("webhook-added", "A webhook was added.", level: .info) { context in
        let old = Set(context.base.root["webhooks"]?.members.map(\.key) ?? [])
        return (context.head.root["webhooks"]?.members ?? []).filter { !old.contains($0.key) }.map {
            DiffHit("webhook \($0.key) was added", in: .head, at: ["webhooks", $0.key], $0.keyLocation)
        }
    }

    static let all = [deprecated, sunsetEarlier, removedBeforeSunset, sunsetTooSoon, stabilityChanged, webhookRemoved, webhookAdded]
}
