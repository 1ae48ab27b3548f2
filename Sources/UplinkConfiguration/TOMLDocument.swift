/// The part of TOML (v1.0) uplink's configuration uses, parsed with the line of every key, so an
/// error about a value names the line it is on.
///
/// Supported: comments, `[table.headers]` (bare or quoted keys), `key = value` with bare, quoted
/// or dotted keys, basic and literal strings (with the basic escapes and `\uXXXX`), integers
/// (with `_` separators), booleans, arrays (over several lines, trailing comma allowed) and inline
/// tables. Floats, dates, multi-line strings and arrays of tables are refused with a message
/// saying so. This replaces a general TOML package: that one linked Foundation and a C++ runtime
/// into every `uplink` process, several megabytes of resident memory on a small device, for a file
/// of a few lines.
public struct TOMLDocument: Sendable {
    /// A value, with the line it was given on.
    public indirect enum Value: Sendable, Equatable {
        /// A string.
        case string(String)
        /// An integer.
        case integer(Int)
        /// `true` or `false`.
        case bool(Bool)
        /// An array.
        case array([Value])
        /// A table, keys in the order written.
        case table(Table)

        /// The kind of value, for messages.
        public var kind: String {
            switch self {
            case .string: "a string"
            case .integer: "an integer"
            case .bool: "a boolean"
            case .array: "an array"
            case .table: "a table"
            }
        }
    }

    /// A table: keys in the order written, each with its value and line.
    public struct Table: Sendable, Equatable {
        public fileprivate(set) var entries: [(key: String, value: Value, line: Int)] = []

        public static func == (lhs: Table, rhs: Table) -> Bool {
            lhs.entries.count == rhs.entries.count
                && zip(lhs.entries, rhs.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        }

        /// The keys, in order.
        public var keys: [String] { self.entries.map(\.key) }

        /// The value of a key.
        public subscript(key: String) -> Value? {
            self.entries.first { $0.key == key }?.value
        }

        /// The line a key was given on.
        public func line(of key: String) -> Int? {
            self.entries.first { $0.key == key }?.line
        }

        fileprivate mutating func set(_ key: String, _ value: Value, line: Int) {
            if let index = self.entries.firstIndex(where: { $0.key == key }) {
                self.entries[index] = (key, value, line)
            } else {
                self.entries.append((key, value, line))
            }
        }
    }

    /// A syntax error: where, and what was expected.
    public struct SyntaxError: Error, Sendable, Equatable {
        public var line: Int
        public var message: String

        public init(line: Int, message: String) {
            self.line = line
            self.message = message
        }
    }

    /// The top-level table.
    public private(set) var root = Table()

    /// Parses a document.
    /// - Throws: `SyntaxError` with the line and what was wrong.
    public init(parsing text: String) throws(SyntaxError) {
        var parser = TOMLParser(text)
        self.root = try parser.document()
    }
}

/// The parser behind `TOMLDocument`: recursive descent over the UTF-8 bytes, one pass.
private struct TOMLParser {
    private let bytes: [UInt8]
    private var position = 0
    private var line = 1

    init(_ text: String) {
        self.bytes = Array(text.utf8)
    }

    mutating func document() throws(TOMLDocument.SyntaxError) -> TOMLDocument.Table {
        var root = TOMLDocument.Table()
        var currentPath: [String] = []
        var definedTables: Set<[String]> = []
        while true {
            self.skipBlankAndComments()
            guard let byte = self.peek() else { return root }
            if byte == UInt8(ascii: "[") {
                self.position += 1
                if self.peek() == UInt8(ascii: "[") { throw self.error("arrays of tables ([[…]]) are not used here") }
                currentPath = try self.keyPath()
                self.skipSpaces()
                try self.expect("]", "to close the table header")
                guard definedTables.insert(currentPath).inserted else {
                    throw self.error("table [\(currentPath.joined(separator: "."))] is defined twice")
                }
                try Self.ensureTable(at: currentPath, in: &root, line: self.line, error: self.error)
                try self.endOfLine()
                continue
            }
            let keyLine = self.line
            let path = try self.keyPath()
            self.skipSpaces()
            try self.expect("=", "after the key \(path.joined(separator: "."))")
            self.skipSpaces()
            let value = try self.value()
            try Self.insert(value, at: currentPath + path, in: &root, line: keyLine, error: self.error)
            try self.endOfLine()
        }
    }

    // MARK: - Tables

    private static func ensureTable(
        at path: [String],
        in table: inout TOMLDocument.Table,
        line: Int,
        error: (String) -> TOMLDocument.SyntaxError
    ) throws(TOMLDocument.SyntaxError) {
        guard let first = path.first else { return }
        var child: TOMLDocument.Table
        switch table[first] {
        case .table(let existing): child = existing
        case nil: child = TOMLDocument.Table()
        case .string, .integer, .bool, .array: throw error("\(first) is already a value, not a table")
        }
        try Self.ensureTable(at: Array(path.dropFirst()), in: &child, line: line, error: error)
        table.set(first, .table(child), line: table.line(of: first) ?? line)
    }

    private static func insert(
        _ value: TOMLDocument.Value,
        at path: [String],
        in table: inout TOMLDocument.Table,
        line: Int,
        error: (String) -> TOMLDocument.SyntaxError
    ) throws(TOMLDocument.SyntaxError) {
        let key = path[0]
        if path.count == 1 {
            guard table[key] == nil else { throw error("\(key) is set twice") }
            table.set(key, value, line: line)
            return
        }
        var child: TOMLDocument.Table
        switch table[key] {
        case .table(let existing): child = existing
        case nil: child = TOMLDocument.Table()
        case .string, .integer, .bool, .array: throw error("\(key) is already a value, not a table")
        }
        try Self.insert(value, at: Array(path.dropFirst()), in: &child, line: line, error: error)
        table.set(key, .table(child), line: table.line(of: key) ?? line)
    }

    // MARK: - Keys and values

    private mutating func keyPath() throws(TOMLDocument.SyntaxError) -> [String] {
        var path: [String] = []
        repeat {
            self.skipSpaces()
            path.append(try self.key())
            self.skipSpaces()
        } while self.consume(".")
        return path
    }

    private mutating func key() throws(TOMLDocument.SyntaxError) -> String {
        switch self.peek() {
        case UInt8(ascii: "\""): return try self.basicString()
        case UInt8(ascii: "'"): return try self.literalString()
        default:
            let start = self.position
            while let byte = self.peek(), Self.isBareKey(byte) { self.position += 1 }
            guard self.position > start else {
                throw self.error("expected a key (letters, digits, - or _, or a quoted key)")
            }
            return String(decoding: self.bytes[start..<self.position], as: UTF8.self)
        }
    }

    private mutating func value() throws(TOMLDocument.SyntaxError) -> TOMLDocument.Value {
        guard let byte = self.peek() else { throw self.error("expected a value") }
        switch byte {
        case UInt8(ascii: "\""):
            if self.lookingAt("\"\"\"") { throw self.error("multi-line strings are not used here") }
            return .string(try self.basicString())
        case UInt8(ascii: "'"):
            if self.lookingAt("'''") { throw self.error("multi-line strings are not used here") }
            return .string(try self.literalString())
        case UInt8(ascii: "["):
            return try self.array()
        case UInt8(ascii: "{"):
            return try self.inlineTable()
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            if self.consumeWord("true") { return .bool(true) }
            if self.consumeWord("false") { return .bool(false) }
            throw self.error("expected a value: a \"string\", a number, true, false, [an array] or { a table }")
        default:
            return try self.integer()
        }
    }

    private mutating func integer() throws(TOMLDocument.SyntaxError) -> TOMLDocument.Value {
        let start = self.position
        while let byte = self.peek(), !Self.endsValue(byte) { self.position += 1 }
        let text = String(decoding: self.bytes[start..<self.position], as: UTF8.self)
        let digits = text.replacingUnderscores
        guard !digits.isEmpty, let number = Int(digits), !text.hasPrefix("_"), !text.hasSuffix("_") else {
            let looksNumeric = text.first.map { $0.isNumber || $0 == "+" || $0 == "-" } ?? false
            if looksNumeric && text.dropFirst().contains(where: { ".:eETZ-+".contains($0) }) {
                throw self.error("\"\(text)\": floats and dates are not used here; give whole numbers")
            }
            throw self.error(
                "expected a value: a \"string\", a number, true, false, [an array] or { a table }; got \"\(text)\"")
        }
        return .integer(number)
    }

    private mutating func array() throws(TOMLDocument.SyntaxError) -> TOMLDocument.Value {
        self.position += 1
        var elements: [TOMLDocument.Value] = []
        while true {
            self.skipBlankAndComments()
            if self.consume("]") { return .array(elements) }
            elements.append(try self.value())
            self.skipBlankAndComments()
            if self.consume(",") { continue }
            try self.expect("]", "or , between the array's values")
            return .array(elements)
        }
    }

    private mutating func inlineTable() throws(TOMLDocument.SyntaxError) -> TOMLDocument.Value {
        self.position += 1
        var table = TOMLDocument.Table()
        self.skipSpaces()
        if self.consume("}") { return .table(table) }
        while true {
            self.skipSpaces()
            let line = self.line
            let path = try self.keyPath()
            self.skipSpaces()
            try self.expect("=", "after the key \(path.joined(separator: "."))")
            self.skipSpaces()
            let value = try self.value()
            try Self.insert(value, at: path, in: &table, line: line, error: self.error)
            self.skipSpaces()
            if self.consume(",") { continue }
            try self.expect("}", "or , between the inline table's entries")
            return .table(table)
        }
    }

    private mutating func basicString() throws(TOMLDocument.SyntaxError) -> String {
        self.position += 1
        var scalars = String.UnicodeScalarView()
        var run: [UInt8] = []
        func flush() {
            scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars)
            run.removeAll()
        }
        while let byte = self.peek() {
            self.position += 1
            switch byte {
            case UInt8(ascii: "\""):
                flush()
                return String(scalars)
            case UInt8(ascii: "\n"):
                throw self.error("the string is not closed on its line")
            case UInt8(ascii: "\\"):
                flush()
                scalars.append(try self.escape())
            default:
                if byte < 0x20 && byte != 0x09 {
                    throw self.error("a control character inside a string must be escaped")
                }
                run.append(byte)
            }
        }
        throw self.error("the string is not closed")
    }

    private mutating func escape() throws(TOMLDocument.SyntaxError) -> Unicode.Scalar {
        guard let byte = self.peek() else { throw self.error("the string is not closed") }
        self.position += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let count = byte == UInt8(ascii: "u") ? 4 : 8
            guard self.position + count <= self.bytes.count,
                let value = UInt32(
                    String(decoding: self.bytes[self.position..<(self.position + count)], as: UTF8.self), radix: 16),
                let scalar = Unicode.Scalar(value)
            else {
                throw self.error("\\\(Character(Unicode.Scalar(byte))) needs \(count) hex digits of a valid character")
            }
            self.position += count
            return scalar
        default:
            throw self.error(
                "unknown escape \\\(Character(Unicode.Scalar(byte))); accepted: \\\" \\\\ \\n \\t \\r \\b \\f \\uXXXX")
        }
    }

    private mutating func literalString() throws(TOMLDocument.SyntaxError) -> String {
        self.position += 1
        let start = self.position
        while let byte = self.peek() {
            if byte == UInt8(ascii: "'") {
                let text = String(decoding: self.bytes[start..<self.position], as: UTF8.self)
                self.position += 1
                return text
            }
            if byte == UInt8(ascii: "\n") { throw self.error("the string is not closed on its line") }
            self.position += 1
        }
        throw self.error("the string is not closed")
    }

    // MARK: - Lexing

    private func peek() -> UInt8? {
        self.position < self.bytes.count ? self.bytes[self.position] : nil
    }

    private func lookingAt(_ text: String) -> Bool {
        let expected = Array(text.utf8)
        return self.position + expected.count <= self.bytes.count
            && Array(self.bytes[self.position..<(self.position + expected.count)]) == expected
    }

    private mutating func consume(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue, self.peek() == ascii else { return false }
        self.position += 1
        return true
    }

    private mutating func consumeWord(_ word: String) -> Bool {
        guard self.lookingAt(word) else { return false }
        let end = self.position + word.utf8.count
        if end < self.bytes.count, !Self.endsValue(self.bytes[end]) { return false }
        self.position = end
        return true
    }

    private mutating func expect(_ character: Character, _ context: String) throws(TOMLDocument.SyntaxError) {
        guard self.consume(character) else { throw self.error("expected \(character) \(context)") }
    }

    private mutating func skipSpaces() {
        while let byte = self.peek(), byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { self.position += 1 }
    }

    /// Spaces, newlines and comments, counting lines.
    private mutating func skipBlankAndComments() {
        while let byte = self.peek() {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                self.position += 1
            case UInt8(ascii: "\n"):
                self.position += 1
                self.line += 1
            case UInt8(ascii: "#"):
                while let next = self.peek(), next != UInt8(ascii: "\n") { self.position += 1 }
            default:
                return
            }
        }
    }

    /// After a key's value or a table header: spaces, an optional comment, then a newline or the end.
    private mutating func endOfLine() throws(TOMLDocument.SyntaxError) {
        self.skipSpaces()
        if self.peek() == UInt8(ascii: "#") {
            while let next = self.peek(), next != UInt8(ascii: "\n") { self.position += 1 }
        }
        if self.peek() == UInt8(ascii: "\r") { self.position += 1 }
        guard let byte = self.peek() else { return }
        guard byte == UInt8(ascii: "\n") else { throw self.error("expected the end of the line after the value") }
        self.position += 1
        self.line += 1
    }

    private func error(_ message: String) -> TOMLDocument.SyntaxError {
        TOMLDocument.SyntaxError(line: self.line, message: message)
    }

    private static func isBareKey(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "_")
    }

    private static func endsValue(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r")
            || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}")
            || byte == UInt8(ascii: "#")
    }
}

extension String {
    /// The text without `_` digit separators.
    fileprivate var replacingUnderscores: String {
        String(self.filter { $0 != "_" })
    }
}
