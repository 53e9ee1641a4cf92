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
        "removed-before-sunset", "An operation or a parameter was removed before the `x-sunset` date it announced (needs --date).",
        level: .breaking
    ) { context in
        guard let today = context.options.date else { return [] }
        let kept = Set(context.head.operations.map(DiffContext.key))
        let operations = context.base.operations.compactMap { operation -> DiffHit? in
            guard !kept.contains(DiffContext.key(operation)), let sunset = operation.node["x-sunset"]?.string,
                let left = days(from: today, to: sunset), left > 0
            else { return nil }
            return DiffHit(
                "\(operation.name) was removed \(left) days before its sunset, \(sunset)", in: .base,
                at: operation.location, operation.node.location)
        }
        // A parameter that announced its sunset is held to it as an operation is.
        let parameters = context.sharedOperations.flatMap { pair -> [DiffHit] in
            let remaining = Set(context.head.effectiveParameters(of: pair.head).compactMap { ParameterChecks.match($0, in: pair.head) })
            return context.base.effectiveParameters(of: pair.base).compactMap { parameter in
                guard let matched = ParameterChecks.match(parameter, in: pair.base), !remaining.contains(matched),
                    let key = ParameterChecks.key(parameter), let sunset = parameter.node["x-sunset"]?.string,
                    let left = days(from: today, to: sunset), left > 0
                else { return nil }
                return DiffHit(
                    "\(pair.head.name): \(key) parameter was removed \(left) days before its sunset, \(sunset)", in: .base,
                    at: parameter.path, parameter.node.location)
            }
        }
        return operations + parameters
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

    static let sunsetEarlier = DiffCheck(
        "sunset-moved-earlier",
        "An operation's or a parameter's `x-sunset` date moved earlier, was deleted, or is no date: clients lose the date they planned by.",
        level: .warning
    ) { context in
        /// What became of one `x-sunset`: nil when nothing clients planned by changed.
        func change(_ name: String, old: String?, new: String?) -> String? {
            if let new, days(from: new, to: new) == nil { return "\(name): x-sunset '\(new)' is not a date (YYYY-MM-DD)" }
            guard let old else { return nil }
            guard let new else { return "\(name): x-sunset \(old) was deleted" }
            return new < old ? "\(name): x-sunset moved from \(old) to \(new)" : nil
        }
        return context.sharedOperations.flatMap { pair -> [DiffHit] in
            var hits: [DiffHit] = []
            let old = pair.base.node["x-sunset"]?.string
            let new = pair.head.node["x-sunset"]?.string
            if old != new, let message = change(pair.head.name, old: old, new: new) {
                hits.append(
                    DiffHit(
                        message, in: .head, at: pair.head.location + ["x-sunset"],
                        pair.head.node["x-sunset"]?.location ?? pair.head.node.location))
            }
            let before = ParameterChecks.baseParameters(of: pair, in: context)
            for parameter in context.head.effectiveParameters(of: pair.head) {
                guard let matched = ParameterChecks.match(parameter, in: pair.head), let key = ParameterChecks.key(parameter),
                    let previous = before[matched]
                else { continue }
                let old = previous.node["x-sunset"]?.string
                let new = parameter.node["x-sunset"]?.string
                guard old != new, let message = change("\(pair.head.name): \(key) parameter", old: old, new: new) else { continue }
                hits.append(
                    DiffHit(
                        message, in: .head, at: parameter.path + ["x-sunset"],
                        parameter.node["x-sunset"]?.location ?? parameter.node.location))
            }
            return hits
        }
    }

    static let stabilityChanged = DiffCheck(
        "stability-changed",
        "An operation's `x-stability-level` changed (stable, beta, alpha, draft); one that is none of them is an error.", level: .warning
    ) { context in
        let rank = ["draft": 0, "alpha": 1, "beta": 2, "stable": 3]
        return context.sharedOperations.compactMap { pair in
            let old = pair.base.node["x-stability-level"]?.string ?? "stable"
            let new = pair.head.node["x-stability-level"]?.string ?? "stable"
            guard old != new else { return nil }
            // A level no client can read is an error.
            guard rank[new] != nil else {
                return DiffHit(
                    level: .breaking, "\(pair.head.name): x-stability-level '\(new)' is not one of draft, alpha, beta, stable", in: .head,
                    at: pair.head.location + ["x-stability-level"], pair.head.node["x-stability-level"]?.location ?? pair.head.node.location
                )
            }
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
