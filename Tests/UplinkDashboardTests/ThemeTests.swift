import Testing
import UplinkDashboard

@Suite("themes")
struct ThemeTests {
    /// The repository's themes/ folder.
    static let themesDirectory =
        String(#filePath.dropLast("Tests/UplinkDashboardTests/ThemeTests.swift".count)) + "themes/"

    @Test("each file in themes/ is exactly its built-in theme", arguments: Theme.builtins.map(\.name))
    func filesMatchBuiltins(name: String) throws {
        let path = Self.themesDirectory + name + ".theme"
        let theme = try Theme.parse(try readFile(path), name: name, file: path)
        #expect(theme == Theme.builtin(named: name))
    }

    @Test("a file sets only what it names; everything else keeps the default")
    func partialFileOverlaysDefault() throws {
        let theme = try Theme.parse(
            "ok.fg = #00ff00  # a bright green\nerror.mono = reverse\n", name: "mine", file: "mine.theme")
        #expect(theme.name == "mine")
        #expect(theme[.ok].foreground.palette == 46)
        #expect(theme[.ok].foreground.basic == .green)
        #expect(theme[.ok].monochrome == Theme.default[.ok].monochrome)
        #expect(theme[.error].monochrome == .reverse)
        #expect(theme[.warning] == Theme.default[.warning])
    }

    @Test("an explicit 8-colour fallback wins over the derived one, on whichever line it comes")
    func explicitFallbackWins() throws {
        let theme = try Theme.parse("ok.fg8 = bright-cyan\nok.fg = 78\n", name: "t", file: nil)
        #expect(theme.resolve(.ok, for: .indexed256).foreground == 78)
        #expect(theme.resolve(.ok, for: .basic8).foreground == BasicColor.cyan.rawValue)
        #expect(theme.resolve(.ok, for: .basic8).style.contains(.bold), "bright on 8 colours shows as bold")
    }

    @Test("the monochrome theme shows no colour even on a 256-colour terminal, and states stay distinct")
    func monochromeHasNoColour() {
        for role in ThemeRole.allCases {
            let resolved = Theme.monochrome.resolve(role, for: .indexed256)
            #expect(resolved.foreground == -1 && resolved.background == -1, "\(role) has a colour")
        }
        let states = [ThemeRole.ok, .warning, .error, .selection].map {
            Theme.default.resolve($0, for: .monochrome).style
        }
        #expect(Set(states.map(\.rawValue)).count == states.count, "ok, warning, error and selection look alike")
    }

    @Test(
        "a bad file names the file, the line and the key, and says what is accepted",
        arguments: [
            ("text.fg = default\nokk.fg = red\n", "bad.theme:2: 'okk.fg': unknown role; known roles: text, muted"),
            ("ok.colour = red\n", "bad.theme:1: 'ok.colour': unknown property; known: fg, bg, fg8, bg8, style, mono"),
            (
                "\n\nok.fg = redish\n",
                "bad.theme:3: 'ok.fg': \"redish\" is not a colour; accepted: default, 0–255, #RRGGBB"
            ),
            ("ok.fg = 256\n", "bad.theme:1: 'ok.fg': \"256\" is not a colour"),
            ("ok.fg8 = 12\n", "bad.theme:1: 'ok.fg8': \"12\" is not an 8-colour value; accepted: default or black"),
            ("ok.style = blink\n", "bad.theme:1: 'ok.style': \"blink\" is not an emphasis; accepted: none, or bold"),
            ("ok.fg red\n", "bad.theme:1: expected ROLE.PROPERTY = VALUE, got \"ok.fg red\""),
            ("ok = red\n", "bad.theme:1: 'ok': a key is ROLE.PROPERTY, such as ok.fg"),
            ("ok.fg = red\nok.fg = green\n", "bad.theme:2: 'ok.fg': set twice (first on line 1)"),
        ]
    )
    func badFile(text: String, expected: String) {
        #expect {
            try Theme.parse(text, name: "bad", file: "bad.theme")
        } throws: { error in
            "\(error)".hasPrefix(expected)
        }
    }
}

@Suite("finding themes")
struct ThemeLocatorTests {
    let files: [String: String] = [
        "/home/tech/.config/uplink/themes/night.theme": "ok.fg = 46\n",
        "/home/tech/.config/uplink/themes/light.theme": "ok.fg = 22\n",
        "/tmp/broken.theme": "ok.fg = 46\nbogus.fg = red\n",
    ]

    var locator: ThemeLocator {
        let files = self.files
        return ThemeLocator(
            searchDirectories: ThemeLocator.standardDirectories(environment: ["HOME": "/home/tech"]),
            readFile: { files[$0] }
        )
    }

    @Test("a name finds the user's file first, then a built-in theme")
    func nameLookup() throws {
        #expect(try self.locator.load("night")[.ok].foreground.palette == 46)
        #expect(try self.locator.load("light")[.ok].foreground.palette == 22, "the user's file shadows the built-in")
        #expect(try self.locator.load("high-contrast") == Theme.highContrast)
    }

    @Test("a path is read as it is and named after its file")
    func pathLookup() throws {
        let theme = try self.locator.load("/home/tech/.config/uplink/themes/night.theme")
        #expect(theme.name == "night")
    }

    @Test("an unknown name says where it looked and what exists")
    func unknownName() {
        #expect {
            try self.locator.load("solarized")
        } throws: { error in
            let text = "\(error)"
            return text.contains("theme 'solarized' not found") && text.contains("/home/tech/.config/uplink/themes")
                && text.contains("default, light, high-contrast, monochrome (built in)")
        }
    }

    @Test("a broken file is named with its line and key")
    func brokenFile() {
        #expect {
            try self.locator.load("/tmp/broken.theme")
        } throws: { error in
            "\(error)".hasPrefix("/tmp/broken.theme:2: 'bogus.fg': unknown role")
        }
    }

    @Test("a missing file is an error naming it")
    func missingFile() {
        #expect {
            try self.locator.load("/nowhere/x.theme")
        } throws: { error in
            "\(error)" == "/nowhere/x.theme: no such theme file"
        }
    }
}
