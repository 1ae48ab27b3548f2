/// The xterm 256-colour palette's geometry, for turning `#RRGGBB` into palette indices and palette
/// indices into basic colours.
///
/// Indices 0–15 are left out of nearest-colour searches: terminals and users redefine them, so only
/// the 6×6×6 cube (16–231) and the grey ramp (232–255) have known colours.
enum XtermPalette {
    /// A colour's red, green and blue components, 0–255 each.
    struct RGB: Hashable, Sendable {
        var red: Int
        var green: Int
        var blue: Int
    }

    /// The component levels of the colour cube's six steps.
    private static let cubeLevels = [0, 95, 135, 175, 215, 255]

    /// The cube or grey-ramp index nearest to a colour.
    static func nearestIndex(to color: RGB) -> Int {
        let red = self.nearestCubeStep(color.red)
        let green = self.nearestCubeStep(color.green)
        let blue = self.nearestCubeStep(color.blue)
        let cubeIndex = 16 + 36 * red + 6 * green + blue
        let average = (color.red + color.green + color.blue) / 3
        let greyStep = min(max((average - 3) / 10, 0), 23)
        let greyIndex = 232 + greyStep
        // The cube wins ties, so pure colours and black and white keep their exact cube entries.
        if self.distance(color, self.rgb(ofIndex: greyIndex)) < self.distance(color, self.rgb(ofIndex: cubeIndex)) {
            return greyIndex
        }
        return cubeIndex
    }

    /// The colour of a cube or grey-ramp index (16–255).
    static func rgb(ofIndex index: Int) -> RGB {
        precondition(index >= 16 && index <= 255, "palette index \(index) has no fixed colour")
        if index >= 232 {
            let level = 8 + 10 * (index - 232)
            return RGB(red: level, green: level, blue: level)
        }
        let cube = index - 16
        return RGB(
            red: self.cubeLevels[cube / 36],
            green: self.cubeLevels[(cube / 6) % 6],
            blue: self.cubeLevels[cube % 6]
        )
    }

    /// The basic colour and brightness that stand for a palette index on an 8-colour terminal:
    /// 0–15 are the basic colours themselves (8–15 bright); the rest go by ``nearestBasic(to:)``.
    static func basic(forIndex index: Int) -> (color: BasicColor, bright: Bool) {
        if index < 16, let color = BasicColor(rawValue: index % 8) {
            return (color, index >= 8)
        }
        return (self.nearestBasic(to: self.rgb(ofIndex: index)), false)
    }

    /// The basic colour nearest to a colour by hue, greys by lightness.
    ///
    /// Not the nearest by RGB distance: that sends every dark saturated colour (navy, maroon) to black,
    /// which is invisible on the dark background most terminals have, while a hue keeps its meaning.
    static func nearestBasic(to color: RGB) -> BasicColor {
        let highest = max(color.red, color.green, color.blue)
        let lowest = min(color.red, color.green, color.blue)
        let chroma = highest - lowest
        if chroma < 48 {
            return (highest + lowest) / 2 < 64 ? .black : .white
        }
        let hue: Int
        if highest == color.red {
            hue = (60 * (color.green - color.blue) / chroma + 360) % 360
        } else if highest == color.green {
            hue = 60 * (color.blue - color.red) / chroma + 120
        } else {
            hue = 60 * (color.red - color.green) / chroma + 240
        }
        switch hue {
        case 30..<90: return .yellow
        case 90..<150: return .green
        case 150..<210: return .cyan
        case 210..<270: return .blue
        case 270..<330: return .magenta
        default: return .red
        }
    }

    /// The step (0–5) of the cube level nearest to a component, as xterm's own cube is laid out.
    private static func nearestCubeStep(_ component: Int) -> Int {
        if component < 48 {
            return 0
        }
        if component < 115 {
            return 1
        }
        return (component - 35) / 40
    }

    /// The squared distance between two colours.
    private static func distance(_ first: RGB, _ second: RGB) -> Int {
        let red = first.red - second.red
        let green = first.green - second.green
        let blue = first.blue - second.blue
        return red * red + green * green + blue * blue
    }
}
