extension Theme {
    /// The themes compiled into uplink, by name; `themes/*.theme` in the repository holds the same
    /// tables as files to copy and edit (a test keeps the two equal).
    public static let builtins: [Theme] = [.default, .light, .highContrast, .monochrome]

    /// The built-in theme with this name, if any.
    public static func builtin(named name: String) -> Theme? {
        self.builtins.first { $0.name == name }
    }

    /// For dark terminals, the usual case over SSH: the terminal's own background, colour only
    /// where it means something.
    public static let `default` = Theme(name: "default") { role in
        switch role {
        case .text: RoleStyle(monochrome: [])
        case .muted: RoleStyle(foreground: .palette(245, .white), monochrome: .dim)
        case .header:
            RoleStyle(foreground: .palette(231, .white), background: .palette(24, .blue), monochrome: .reverse)
        case .border: RoleStyle(foreground: .palette(244, .blue), monochrome: [])
        case .title: RoleStyle(foreground: .palette(75, .cyan), emphasis: .bold, monochrome: .bold)
        case .selection:
            RoleStyle(foreground: .palette(231, .black), background: .palette(238, .cyan), monochrome: .reverse)
        case .ok: RoleStyle(foreground: .palette(78, .green), monochrome: .bold)
        case .warning: RoleStyle(foreground: .palette(214, .yellow), monochrome: .underline)
        case .error: RoleStyle(foreground: .palette(203, .red), emphasis: .bold, monochrome: [.bold, .underline])
        case .key: RoleStyle(foreground: .palette(117, .cyan), emphasis: .bold, monochrome: .bold)
        case .input:
            RoleStyle(
                foreground: .palette(231, .white), background: .palette(237, .black), emphasis: .underline,
                monochrome: .underline)
        case .overlay: RoleStyle(monochrome: [])
        }
    }

    /// For light terminals: darker colours that stay readable on white.
    public static let light = Theme(name: "light") { role in
        switch role {
        case .text: RoleStyle(monochrome: [])
        case .muted: RoleStyle(foreground: .palette(243, .black), monochrome: .dim)
        case .header:
            RoleStyle(foreground: .palette(231, .white), background: .palette(25, .blue), monochrome: .reverse)
        case .border: RoleStyle(foreground: .palette(248, .black), monochrome: [])
        case .title: RoleStyle(foreground: .palette(25, .blue), emphasis: .bold, monochrome: .bold)
        case .selection:
            RoleStyle(foreground: .palette(16, .black), background: .palette(153, .cyan), monochrome: .reverse)
        case .ok: RoleStyle(foreground: .palette(28, .green), emphasis: .bold, monochrome: .bold)
        case .warning: RoleStyle(foreground: .palette(130, .yellow), monochrome: .underline)
        case .error: RoleStyle(foreground: .palette(160, .red), emphasis: .bold, monochrome: [.bold, .underline])
        case .key: RoleStyle(foreground: .palette(25, .blue), emphasis: .bold, monochrome: .bold)
        case .input:
            RoleStyle(
                foreground: .palette(16, .black), background: .palette(254, .white), emphasis: .underline,
                monochrome: .underline)
        case .overlay: RoleStyle(monochrome: [])
        }
    }

    /// The eight basic colours at full strength and emphasis on every state, for glare, poor
    /// eyesight and washed-out screens.
    public static let highContrast = Theme(name: "high-contrast") { role in
        switch role {
        case .text: RoleStyle(foreground: .basic(.white, bright: true), monochrome: [])
        case .muted: RoleStyle(foreground: .basic(.white), monochrome: [])
        case .header:
            RoleStyle(
                foreground: .basic(.black), background: .basic(.white, bright: true), emphasis: .bold,
                monochrome: [.reverse, .bold])
        case .border: RoleStyle(foreground: .basic(.white, bright: true), monochrome: [])
        case .title: RoleStyle(foreground: .basic(.yellow, bright: true), emphasis: .bold, monochrome: .bold)
        case .selection:
            RoleStyle(
                foreground: .basic(.black), background: .basic(.yellow, bright: true), emphasis: .bold,
                monochrome: [.reverse, .bold])
        case .ok: RoleStyle(foreground: .basic(.green, bright: true), emphasis: .bold, monochrome: .bold)
        case .warning:
            RoleStyle(foreground: .basic(.yellow, bright: true), emphasis: [.bold, .underline], monochrome: .underline)
        case .error:
            RoleStyle(
                foreground: .basic(.white, bright: true), background: .basic(.red), emphasis: .bold,
                monochrome: [.bold, .underline])
        case .key: RoleStyle(foreground: .basic(.cyan, bright: true), emphasis: .bold, monochrome: .bold)
        case .input:
            RoleStyle(
                foreground: .basic(.white, bright: true), background: .basic(.blue), emphasis: [.bold, .underline],
                monochrome: .underline)
        case .overlay: RoleStyle(monochrome: [])
        }
    }

    /// No colour at all, on any terminal: emphasis alone carries every state, exactly as on a
    /// vt100 or with `NO_COLOR` set.
    public static let monochrome = Theme(name: "monochrome") { role in
        let emphasis = Theme.default[role].monochrome
        return RoleStyle(emphasis: emphasis, monochrome: emphasis)
    }
}
