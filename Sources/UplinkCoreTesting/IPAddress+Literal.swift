import UplinkCore

/// Address literals for tests and fixtures: `"192.0.2.1"` where an `IPAddress` is expected.
///
/// Only the testing library has this conformance. In production code a literal conformance would
/// turn `IPAddress("…")` with a literal argument into literal coercion, which traps on bad text
/// instead of returning nil; there, text always goes through `IPAddress.init?(_:)`.
extension IPAddress: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) {
        guard let address = IPAddress(value) else {
            preconditionFailure("\"\(value)\" is not an IPv4 or IPv6 address literal")
        }
        self = address
    }
}
