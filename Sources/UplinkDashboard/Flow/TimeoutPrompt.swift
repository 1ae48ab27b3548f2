/// The inline prompt for a connect or idle timeout, in whole seconds.
public struct TimeoutPrompt: Hashable, Sendable {
    /// Which timeout.
    public enum Kind: Hashable, Sendable {
        /// The binding's connect timeout.
        case connect
        /// The binding's idle timeout.
        case idle
    }

    /// The largest timeout accepted, in seconds (a day).
    public static let maximumSeconds = 86_400

    public var kind: Kind
    public var interface: String
    public var field: TextField
    /// Why the last Enter was refused.
    public var error: String?

    public init(kind: Kind, interface: String, current: Duration?) {
        self.kind = kind
        self.interface = interface
        self.field = TextField(current.map { String($0.components.seconds) } ?? "0")
    }

    /// The question, for the footer.
    public var question: String {
        switch self.kind {
        case .connect: "Connect timeout for \(self.interface), in seconds (0 = none):"
        case .idle: "Idle timeout for \(self.interface), in seconds (0 = none):"
        }
    }

    /// The entered value: nil for none, or the error to show.
    public func parse() -> Result<Duration?, PromptError> {
        let text = self.field.text.trimmedOfSpaces
        guard !text.isEmpty, text.allSatisfy(\.isASCIIDigit), let seconds = Int(text),
            seconds <= Self.maximumSeconds
        else {
            return .failure(PromptError(message: "enter whole seconds from 0 (none) to \(Self.maximumSeconds)"))
        }
        return .success(seconds == 0 ? nil : .seconds(seconds))
    }
}

/// A refusal of what was typed into a prompt.
public struct PromptError: Error, Hashable, Sendable {
    public var message: String
}

extension Character {
    var isASCIIDigit: Bool { self.isASCII && self.isNumber }
}
