/// A named mapping from every ``ThemeRole`` to its colours and emphasis.
///
/// The renderer is handed a `Theme` value, never a global: the view model speaks in roles and the
/// terminal layer asks the theme how each role looks on the terminal it has (``resolve(_:for:)``).
/// A theme is always complete; files that leave roles out are laid over ``default`` (see
/// ``parse(_:name:file:base:)``).
public struct Theme: Hashable, Sendable {
    /// The name the user picks it by (`--theme NAME`), or the file's name without `.theme`.
    public var name: String
    /// Every role's style; complete by construction, so the subscript's fallback is never taken.
    private var styles: [ThemeRole: RoleStyle]

    /// A theme from a table that answers for every role.
    ///
    /// A `switch` over the role in `style` makes the compiler check the table is complete, as htop's
    /// `CRT.c` colour-scheme arrays are indexed by every element.
    /// - Parameters:
    ///   - name: The theme's name.
    ///   - style: The style of each role.
    public init(name: String, style: (ThemeRole) -> RoleStyle) {
        self.name = name
        var styles: [ThemeRole: RoleStyle] = [:]
        for role in ThemeRole.allCases {
            styles[role] = style(role)
        }
        self.styles = styles
    }

    /// The style of one role.
    public subscript(role: ThemeRole) -> RoleStyle {
        get { self.styles[role] ?? RoleStyle() }
        set { self.styles[role] = newValue }
    }

    /// How a role looks on a terminal with the given colours.
    ///
    /// - `indexed256`: the palette indices and the emphasis.
    /// - `basic8`: the 8-colour fallbacks (palette 0–7), with bold added for a bright foreground.
    /// - `monochrome`: no colours (-1/-1) and the role's monochrome emphasis.
    /// - Parameters:
    ///   - role: The meaning of the cell.
    ///   - capability: What the terminal can show.
    public func resolve(_ role: ThemeRole, for capability: ColorCapability) -> ResolvedStyle {
        self[role].resolve(for: capability)
    }
}
