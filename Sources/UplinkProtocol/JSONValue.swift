/// A JSON value whose objects keep their keys in the order they were given, so documents read in
/// the order the schema lists them, and serialize byte for byte the same every time.
///
/// uplink's output formats (`status --json`, `monitor --json`, and the control protocol) are built
/// from it; no Foundation, so the schema code is as testable as the core.
public enum JSONValue: Hashable, Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// An integer.
    case integer(Int)
    /// A number with a fraction, written with up to three decimals (milliseconds for durations).
    case number(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object, keys in order.
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.serialized == rhs.serialized
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(self.serialized)
    }

    /// A string, or null when there is none.
    public static func string(_ value: String?) -> JSONValue {
        value.map { .string($0) } ?? .null
    }

    /// A duration in seconds: an integer when whole, else a number; null when there is none.
    public static func seconds(_ duration: Duration?) -> JSONValue {
        guard let duration else { return .null }
        let (seconds, attoseconds) = duration.components
        if attoseconds == 0 { return .integer(Int(seconds)) }
        return .number(Double(seconds) + Double(attoseconds) / 1e18)
    }

    /// The value on one line, as JSON lines want it.
    public var serialized: String {
        var text = ""
        self.write(to: &text)
        return text
    }

    private func write(to text: inout String) {
        switch self {
        case .null:
            text += "null"
        case .bool(let value):
            text += value ? "true" : "false"
        case .integer(let value):
            text += String(value)
        case .number(let value):
            text += Self.format(value)
        case .string(let value):
            Self.writeString(value, to: &text)
        case .array(let values):
            text += "["
            for (position, value) in values.enumerated() {
                if position > 0 { text += "," }
                value.write(to: &text)
            }
            text += "]"
        case .object(let members):
            text += "{"
            for (position, (key, value)) in members.enumerated() {
                if position > 0 { text += "," }
                Self.writeString(key, to: &text)
                text += ":"
                value.write(to: &text)
            }
            text += "}"
        }
    }

    /// Rounds to milliseconds and drops trailing zeros; JSON has no NaN or infinity, so those are null.
    private static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        let thousandths = (value * 1000).rounded()
        let whole = Int(thousandths / 1000)
        var fraction = Int(abs(thousandths).truncatingRemainder(dividingBy: 1000))
        guard fraction != 0 else { return String(whole) }
        var digits = 3
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let padded = String(repeating: "0", count: digits - String(fraction).count) + String(fraction)
        let sign = value < 0 && whole == 0 ? "-" : ""
        return "\(sign)\(whole).\(padded)"
    }

    /// Writes a string with RFC 8259 escapes: quote, backslash and control characters; everything
    /// else as UTF-8, so SSIDs in any script stay readable.
    private static func writeString(_ value: String, to text: inout String) {
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "\u{08}": text += "\\b"
            case "\u{0C}": text += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\u{2028}" || scalar == "\u{2029}" {
                    let hex = String(scalar.value, radix: 16)
                    text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        text += "\""
    }
}
