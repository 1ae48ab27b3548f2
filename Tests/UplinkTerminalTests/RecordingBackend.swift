import UplinkDashboard

@testable import UplinkTerminal

/// A ``ScreenBackend`` that records what the painter asked for, in order.
final class RecordingBackend: ScreenBackend {
    /// One operation.
    enum Operation: Hashable, CustomStringConvertible {
        /// `clear()`.
        case clear
        /// `write(_:)`.
        case write(TextRun)
        /// `placeCursor(_:)`.
        case cursor(CursorPosition?)
        /// `flush()`.
        case flush

        var description: String {
            switch self {
            case .clear: "clear"
            case .write(let run): "write(\(run.row),\(run.column) \"\(run.text)\" w\(run.width))"
            case .cursor(let position): position.map { "cursor(\($0.row),\($0.column))" } ?? "cursor(hidden)"
            case .flush: "flush"
            }
        }
    }

    private(set) var operations: [Operation] = []

    /// The operations since the last call.
    func take() -> [Operation] {
        defer { self.operations = [] }
        return self.operations
    }

    /// The runs written since the last call, as (row, column, text).
    func takeRuns() -> [TextRun] {
        self.take().compactMap { operation in
            guard case .write(let run) = operation else { return nil }
            return run
        }
    }

    func clear() {
        self.operations.append(.clear)
    }

    func write(_ run: TextRun) {
        self.operations.append(.write(run))
    }

    func placeCursor(_ position: CursorPosition?) {
        self.operations.append(.cursor(position))
    }

    func flush() {
        self.operations.append(.flush)
    }
}
