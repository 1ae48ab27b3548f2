import Testing
import UplinkDashboard

@testable import UplinkTerminal

@Suite("Terminal capabilities: what the environment and terminfo allow")
struct TerminalCapabilitiesTests {
    /// A terminfo database that knows a few types, as this machine's does.
    static func terminfo(_ term: String) -> TerminfoAnswer {
        switch term {
        case "xterm-256color", "tmux-256color": .entry(canAddressCursor: true, colors: 256)
        case "linux", "screen": .entry(canAddressCursor: true, colors: 8)
        case "rxvt-16color": .entry(canAddressCursor: true, colors: 16)
        case "vt100", "vt220", "xterm-mono": .entry(canAddressCursor: true, colors: -1)
        case "dumb": .entry(canAddressCursor: false, colors: -1)
        case "printer": .hardcopy
        default: .unknownType
        }
    }

    private func detect(
        _ environment: [String: String],
        codeset: String = "UTF-8",
        input: Bool = true,
        output: Bool = true,
        terminfo: (String) -> TerminfoAnswer = Self.terminfo
    ) throws(TerminalError) -> TerminalCapabilities {
        try TerminalCapabilities.detect(
            environment: environment, inputIsTerminal: input, outputIsTerminal: output, codeset: codeset,
            terminfo: terminfo)
    }

    @Test("256 colours give the 256-colour palette; 8 and 16 the basic eight")
    func colours() throws {
        #expect(try self.detect(["TERM": "xterm-256color"]).colorCapability == .indexed256)
        #expect(try self.detect(["TERM": "linux"]).colorCapability == .basic8)
        #expect(try self.detect(["TERM": "rxvt-16color"]).colorCapability == .basic8)
    }

    @Test("vt100, vt220 and xterm-mono have no colours: monochrome")
    func noColours() throws {
        for term in ["vt100", "vt220", "xterm-mono"] {
            let capabilities = try self.detect(["TERM": term])
            #expect(capabilities.colorCapability == .monochrome)
            #expect(!capabilities.colorsTurnedOff)
        }
    }

    @Test("NO_COLOR set and non-empty turns colours off; set but empty does not")
    func noColor() throws {
        let off = try self.detect(["TERM": "xterm-256color", "NO_COLOR": "1"])
        #expect(off.colorCapability == .monochrome)
        #expect(off.colorsTurnedOff)
        #expect(off.description == "TERM=xterm-256color, UTF-8, monochrome (NO_COLOR)")
        #expect(try self.detect(["TERM": "xterm-256color", "NO_COLOR": ""]).colorCapability == .indexed256)
    }

    @Test("TERM=dumb cannot address the cursor, and the message names it and what would work")
    func dumb() {
        #expect(throws: TerminalError.cannotAddressCursor(term: "dumb")) { try self.detect(["TERM": "dumb"]) }
        #expect(
            TerminalError.cannotAddressCursor(term: "dumb").description
                == "TERM=dumb cannot address the cursor; uplink needs a terminal such as xterm, vt100 or linux")
    }

    @Test("a hardcopy terminal cannot address the cursor either")
    func hardcopy() {
        #expect(throws: TerminalError.cannotAddressCursor(term: "printer")) { try self.detect(["TERM": "printer"]) }
    }

    @Test("a TERM terminfo does not know is an error naming it")
    func unknown() {
        #expect(throws: TerminalError.unknownTerminal(term: "nosuchterm")) { try self.detect(["TERM": "nosuchterm"]) }
        #expect(TerminalError.unknownTerminal(term: "nosuchterm").description.hasPrefix("TERM=nosuchterm is not"))
    }

    @Test("no terminfo database at all is its own error")
    func noDatabase() {
        #expect(throws: TerminalError.noTerminfoDatabase(term: "xterm")) {
            try self.detect(["TERM": "xterm"], terminfo: { _ in .noDatabase })
        }
    }

    @Test("TERM unset or empty is an error, and terminfo is not asked")
    func termNotSet() {
        var asked: [String] = []
        let recording: (String) -> TerminfoAnswer = { term in
            asked.append(term)
            return Self.terminfo(term)
        }
        #expect(throws: TerminalError.termNotSet) { try self.detect([:], terminfo: recording) }
        #expect(throws: TerminalError.termNotSet) { try self.detect(["TERM": ""], terminfo: recording) }
        #expect(asked.isEmpty)
        #expect(TerminalError.termNotSet.description.hasPrefix("TERM is not set; uplink needs a terminal such as"))
    }

    @Test("standard input or output that is not a terminal is an error before anything else")
    func notATerminal() {
        #expect(throws: TerminalError.inputNotATerminal) { try self.detect([:], input: false) }
        #expect(throws: TerminalError.outputNotATerminal) { try self.detect(["TERM": "dumb"], output: false) }
    }

    @Test("UTF-8 is recognised in its spellings; any other codeset means ASCII glyphs")
    func codeset() throws {
        #expect(try self.detect(["TERM": "linux"], codeset: "UTF-8").isUTF8)
        #expect(try self.detect(["TERM": "linux"], codeset: "utf8").isUTF8)
        let ascii = try self.detect(["TERM": "vt100"], codeset: "ANSI_X3.4-1968")
        #expect(!ascii.isUTF8)
        #expect(ascii.description == "TERM=vt100, ANSI_X3.4-1968 (ASCII glyphs), monochrome")
    }
}
