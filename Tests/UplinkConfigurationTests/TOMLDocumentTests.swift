import Testing
import UplinkConfiguration

@Suite("the TOML subset")
struct TOMLDocumentTests {
    @Test("tables, dotted keys and inline tables nest the same way, and every key keeps its line")
    func nesting() throws {
        let document = try TOMLDocument(parsing: "a.b = 1\n[c]\nd = { e = true, f = [\"x\", 'y'] }\n")
        guard case .table(let a) = document.root["a"], case .table(let c) = document.root["c"],
            case .table(let d) = c["d"]
        else {
            Issue.record("not nested: \(document.root)")
            return
        }
        #expect(a["b"] == .integer(1))
        #expect(d["e"] == .bool(true))
        #expect(d["f"] == .array([.string("x"), .string("y")]))
        #expect(c.line(of: "d") == 3)
        #expect(document.root.line(of: "c") == 2)
    }

    @Test("basic strings take the escapes, literal strings take backslashes as they are")
    func strings() throws {
        let document = try TOMLDocument(parsing: #"a = "q\"b\\t\t\u00e9"\#nb = 'C:\path'"#)
        #expect(document.root["a"] == .string("q\"b\\t\té"))
        #expect(document.root["b"] == .string(#"C:\path"#))
    }

    @Test(
        "what is not accepted says so, with its line",
        arguments: [
            ("[a]\n[a]\n", 2, "table [a] is defined twice"),
            ("a = 1\na = 2\n", 2, "a is set twice"),
            ("[[a]]\n", 1, "arrays of tables ([[…]]) are not used here"),
            ("a = \"\"\"x\"\"\"\n", 1, "multi-line strings are not used here"),
            ("a = 2026-12-01\n", 1, "\"2026-12-01\": floats and dates are not used here; give whole numbers"),
            ("a = \"\\q\"\n", 1, "unknown escape \\q; accepted: \\\" \\\\ \\n \\t \\r \\b \\f \\uXXXX"),
            ("\n\na = [1, 2\n", 4, "expected ] or , between the array's values"),
            (
                "a = yes\n", 1,
                "expected a value: a \"string\", a number, true, false, [an array] or { a table }; got \"yes\""
            ),
            ("= 1\n", 1, "expected a key (letters, digits, - or _, or a quoted key)"),
        ]
    )
    func refusals(text: String, line: Int, message: String) {
        #expect(throws: TOMLDocument.SyntaxError(line: line, message: message)) {
            try TOMLDocument(parsing: text)
        }
    }
}
