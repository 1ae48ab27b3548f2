import Testing
import UplinkProtocol

@Suite("JSON values")
struct JSONValueTests {
    @Test("objects keep their key order and serialize on one line")
    func order() {
        let value = JSONValue.object([
            ("z", .integer(1)), ("a", .bool(false)), ("m", .null), ("list", .array([.string("x")])),
        ])
        #expect(value.serialized == #"{"z":1,"a":false,"m":null,"list":["x"]}"#)
    }

    @Test(
        "strings escape quotes, backslashes and control characters and keep other text as it is",
        arguments: [
            ("Bob's \"Shed\" \\ AP", #""Bob's \"Shed\" \\ AP""#),
            ("line\nbreak\ttab", #""line\nbreak\ttab""#),
            ("bell\u{07}", #""bell\u0007""#),
            ("Café ☕ Zürich", #""Café ☕ Zürich""#),
        ]
    )
    func strings(text: String, expected: String) {
        #expect(JSONValue.string(text).serialized == expected)
    }

    @Test("durations are whole seconds when whole, else milliseconds; none is null")
    func seconds() {
        #expect(JSONValue.seconds(.seconds(30)).serialized == "30")
        #expect(JSONValue.seconds(.milliseconds(1500)).serialized == "1.5")
        #expect(JSONValue.seconds(.milliseconds(250)).serialized == "0.25")
        #expect(JSONValue.seconds(nil).serialized == "null")
        #expect(JSONValue.number(-0.5).serialized == "-0.5")
    }
}
