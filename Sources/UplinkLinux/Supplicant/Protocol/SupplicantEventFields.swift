/// The words and `key=value` fields of an event's text, as wpa_supplicant writes them:
/// `id=0 ssid="Caf\xc3\xa9" auth_failures=1 duration=10 reason=WRONG_KEY`.
///
/// A value in double quotes may hold spaces and escaped quotes (`ssid="Bob's \"Shed\""`), so the text
/// is read left to right, quotes honoured, rather than split on spaces: an SSID that contains
/// ` reason=` cannot pose as a field.
struct SupplicantEventFields {
    /// The tokens without `=`, in order (`01:80:c2:00:00:03` in CTRL-EVENT-AUTH-REJECT).
    private(set) var words: [Substring] = []
    /// The values by key, without their quotes and still escaped; the first of a repeated key wins.
    private(set) var values: [Substring: Substring] = [:]

    init(_ text: Substring) {
        let utf8 = text.utf8
        var index = utf8.startIndex
        func isSpace(_ position: String.Index) -> Bool { utf8[position] == UInt8(ascii: " ") }
        while index < utf8.endIndex {
            if isSpace(index) {
                index = utf8.index(after: index)
                continue
            }
            let start = index
            while index < utf8.endIndex, !isSpace(index), utf8[index] != UInt8(ascii: "=") {
                index = utf8.index(after: index)
            }
            guard index < utf8.endIndex, utf8[index] == UInt8(ascii: "=") else {
                self.words.append(text[start..<index])
                continue
            }
            let key = text[start..<index]
            index = utf8.index(after: index)
            let value: Substring
            if index < utf8.endIndex, utf8[index] == UInt8(ascii: "\"") {
                index = utf8.index(after: index)
                let valueStart = index
                while index < utf8.endIndex, utf8[index] != UInt8(ascii: "\"") {
                    // A backslash escapes the next byte, which may be a quote.
                    if utf8[index] == UInt8(ascii: "\\"), utf8.index(after: index) < utf8.endIndex {
                        index = utf8.index(after: index)
                    }
                    index = utf8.index(after: index)
                }
                value = text[valueStart..<index]
                if index < utf8.endIndex { index = utf8.index(after: index) }
            } else {
                let valueStart = index
                while index < utf8.endIndex, !isSpace(index) { index = utf8.index(after: index) }
                value = text[valueStart..<index]
            }
            if self.values[key] == nil { self.values[key] = value }
        }
    }

    subscript(_ key: Substring) -> Substring? { self.values[key] }

    /// The value of `key` as a number; nil when absent or not a number.
    func int(_ key: Substring) -> Int? { self.values[key].flatMap { Int($0) } }

    /// The value of `key` as a MAC address; nil when absent, not one, or all zeros (wpa_supplicant's
    /// way of saying it does not know which access point).
    func macAddress(_ key: Substring) -> String? { self.values[key].flatMap(Self.knownMAC) }

    /// The text as a MAC address, or nil for anything else, the all-zero address included.
    static func knownMAC(_ text: Substring) -> String? {
        guard SupplicantText.isMACAddress(text), text != "00:00:00:00:00:00" else { return nil }
        return String(text)
    }
}
