import Foundation

/// A description of the API published elsewhere (the live API's reference), and every place
/// where this registry deliberately differs from it: an undeclared difference is a defect.
public struct PublishedReference: Sendable {
    /// One deliberate difference: what it concerns, what the published description says, what
    /// this API does, and why.
    public struct Difference: Sendable {
        /// What the difference concerns (`DELETE /orders without id:in`).
        public let subject: String
        /// What the published description says.
        public let published: String
        /// What this API does.
        public let here: String
        /// Why it differs.
        public let reason: String

        /// A difference about `subject`.
        public init(_ subject: String, published: String, here: String, reason: String) {
            self.subject = subject
            self.published = published
            self.here = here
            self.reason = reason
        }
    }

    /// The published description's name.
    public let name: String
    /// Where it is published.
    public let url: String
    /// Every deliberate difference from it.
    public let differences: [Difference]

    /// A published description and the differences from it.
    public init(name: String, url: String, differences: [Difference]) {
        self.name = name
        self.url = url
        self.differences = differences
    }
}
