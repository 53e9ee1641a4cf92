import Foundation

extension Array where Element: Sendable {
    /// `transform` of each element, computed on all cores, in the elements' order: the diff's
    /// checks and documents, the linter's rules and files, and the halves of a large document.
    package func concurrentMap<Value: Sendable>(_ transform: @Sendable (Element) -> Value) -> [Value] {
        let slots = ConcurrentSlots<Value>()
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let value = transform(self[index])
            slots.lock.lock()
            slots.values[index] = value
            slots.lock.unlock()
        }
        // Every index was filled by concurrentPerform, which returns when all are done.
        return indices.compactMap { slots.values[$0] }
    }
}

private final class ConcurrentSlots<Value>: @unchecked Sendable {
    let lock = NSLock()
    var values: [Int: Value] = [:]
}
