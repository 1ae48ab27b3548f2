#!/usr/bin/python3
"""Renders a terminal capture (tmux capture-pane -e -p) as a PNG on an exact cell grid.

Usage: scripts/ansi2png.py CAPTURE.ans OUTPUT.png [--width 80] [--height 24] [--light]

Understands the SGR sequences tmux emits (0, 1, 2, 4, 7, 22, 24, 27, 30-37, 39, 40-47, 49, 90-97,
100-107, 38;5;N, 48;5;N, 38;2;R;G;B, 48;2;R;G;B), draws East Asian wide characters and emoji across
two cells, and colour emoji from Noto Color Emoji when it is installed. Needs python3-pil and
fonts-dejavu-core (Debian), and /usr/bin/python3, which sees Debian's python3-pil.
"""

import argparse
import re
import sys
import unicodedata

from PIL import Image, ImageDraw, ImageFont

MONO = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
MONO_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"
EMOJI = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"
FONT_SIZE = 16

# The xterm defaults for the 16 basic colours.
BASIC = [
    (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
    (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255),
    (255, 255, 255),
]
CUBE = [0, 95, 135, 175, 215, 255]


def palette(index):
    if index < 16:
        return BASIC[index]
    if index < 232:
        cube = index - 16
        return (CUBE[cube // 36], CUBE[(cube // 6) % 6], CUBE[cube % 6])
    level = 8 + 10 * (index - 232)
    return (level, level, level)


class Cell:
    __slots__ = ("char", "fg", "bg", "bold", "dim", "underline", "reverse", "wide", "continuation")

    def __init__(self):
        self.char = " "
        self.fg = None
        self.bg = None
        self.bold = self.dim = self.underline = self.reverse = False
        self.wide = self.continuation = False


def is_wide(char):
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return True
    return 0x1F300 <= ord(char) <= 0x1FAFF


def parse(text, width, height):
    grid = [[Cell() for _ in range(width)] for _ in range(height)]
    state = {"fg": None, "bg": None, "bold": False, "dim": False, "underline": False, "reverse": False}
    row = column = 0
    tokens = re.split(r"(\x1b\[[0-9;:]*m)", text)
    for token in tokens:
        if token.startswith("\x1b["):
            apply_sgr(state, token[2:-1])
            continue
        for char in token:
            if char == "\n":
                row += 1
                column = 0
                continue
            if char in "\r\x0e\x0f" or row >= height:
                continue
            if unicodedata.combining(char) and column > 0:
                grid[row][column - 1].char += char
                continue
            wide = is_wide(char)
            if column + (2 if wide else 1) > width:
                continue
            cell = grid[row][column]
            cell.char = char
            for key, value in state.items():
                setattr(cell, key, value)
            cell.wide = wide
            column += 1
            if wide:
                rest = grid[row][column]
                for key, value in state.items():
                    setattr(rest, key, value)
                rest.continuation = True
                column += 1
    return grid


def apply_sgr(state, parameters):
    codes = [int(code) if code else 0 for code in parameters.replace(":", ";").split(";")] if parameters else [0]
    index = 0
    while index < len(codes):
        code = codes[index]
        if code == 0:
            state.update(fg=None, bg=None, bold=False, dim=False, underline=False, reverse=False)
        elif code == 1:
            state["bold"] = True
        elif code == 2:
            state["dim"] = True
        elif code == 4:
            state["underline"] = True
        elif code == 7:
            state["reverse"] = True
        elif code == 22:
            state["bold"] = state["dim"] = False
        elif code == 24:
            state["underline"] = False
        elif code == 27:
            state["reverse"] = False
        elif 30 <= code <= 37:
            state["fg"] = palette(code - 30)
        elif 90 <= code <= 97:
            state["fg"] = palette(code - 90 + 8)
        elif code == 39:
            state["fg"] = None
        elif 40 <= code <= 47:
            state["bg"] = palette(code - 40)
        elif 100 <= code <= 107:
            state["bg"] = palette(code - 100 + 8)
        elif code == 49:
            state["bg"] = None
        elif code in (38, 48) and index + 1 < len(codes):
            key = "fg" if code == 38 else "bg"
            if codes[index + 1] == 5 and index + 2 < len(codes):
                state[key] = palette(codes[index + 2])
                index += 2
            elif codes[index + 1] == 2 and index + 4 < len(codes):
                state[key] = tuple(codes[index + 2:index + 5])
                index += 4
        index += 1


def render(grid, output, light):
    default_fg, default_bg = ((30, 30, 30), (250, 250, 250)) if light else ((208, 208, 208), (24, 24, 28))
    regular = ImageFont.truetype(MONO, FONT_SIZE)
    bold = ImageFont.truetype(MONO_BOLD, FONT_SIZE)
    try:
        emoji = ImageFont.truetype(EMOJI, 109)
    except OSError:
        emoji = None
    left, top, right, bottom = regular.getbbox("M")
    cell_width = regular.getlength("M")
    ascent, descent = regular.getmetrics()
    cell_height = ascent + descent + 2
    height, width = len(grid), len(grid[0])
    margin = 8
    image = Image.new("RGB", (int(cell_width * width) + 2 * margin, cell_height * height + 2 * margin), default_bg)
    draw = ImageDraw.Draw(image)
    for row, cells in enumerate(grid):
        for column, cell in enumerate(cells):
            if cell.continuation:
                continue
            fg = cell.fg or default_fg
            bg = cell.bg or default_bg
            if cell.reverse:
                fg, bg = bg, fg
            if cell.dim:
                fg = tuple((channel + other) // 2 for channel, other in zip(fg, bg))
            x = margin + column * cell_width
            y = margin + row * cell_height
            span = 2 if cell.wide else 1
            draw.rectangle([x, y, x + cell_width * span, y + cell_height], fill=bg)
            if cell.char != " ":
                draw_char(image, draw, cell, x, y, fg, bold if cell.bold else regular, emoji, cell_width, cell_height)
            if cell.underline:
                draw.line([x, y + cell_height - 2, x + cell_width * span, y + cell_height - 2], fill=fg)
    image.save(output)


def draw_char(image, draw, cell, x, y, fg, font, emoji, cell_width, cell_height):
    char = cell.char
    # Box drawing is drawn as lines so borders join exactly, whatever the font's metrics.
    if char in BOX:
        draw_box(draw, BOX[char], x, y, fg, cell_width, cell_height)
        return
    code = ord(char[0])
    if emoji is not None and cell.wide and (code >= 0x1F000 or 0x2300 <= code < 0x2800):
        glyph = Image.new("RGBA", (136, 128), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((0, 0), char, font=emoji, embedded_color=True)
        box = glyph.getbbox()
        if box:
            glyph = glyph.crop(box)
            size = int(cell_height * 0.9)
            glyph = glyph.resize((size, size), Image.LANCZOS)
            image.paste(glyph, (int(x + (2 * cell_width - size) / 2), int(y + (cell_height - size) / 2)), glyph)
        return
    draw.text((x, y + 1), char, font=font, fill=fg)


# Which half-lines each box character has: (up, down, left, right).
BOX = {
    "─": (0, 0, 1, 1), "│": (1, 1, 0, 0), "┌": (0, 1, 0, 1), "┐": (0, 1, 1, 0), "└": (1, 0, 0, 1),
    "┘": (1, 0, 1, 0), "├": (1, 1, 0, 1), "┤": (1, 1, 1, 0), "┬": (0, 1, 1, 1), "┴": (1, 0, 1, 1), "┼": (1, 1, 1, 1),
}


def draw_box(draw, sides, x, y, fg, cell_width, cell_height):
    up, down, left, right = sides
    middle_x = x + cell_width / 2
    middle_y = y + cell_height / 2
    if up:
        draw.line([middle_x, y, middle_x, middle_y], fill=fg)
    if down:
        draw.line([middle_x, middle_y, middle_x, y + cell_height], fill=fg)
    if left:
        draw.line([x, middle_y, middle_x, middle_y], fill=fg)
    if right:
        draw.line([middle_x, middle_y, x + cell_width, middle_y], fill=fg)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("capture")
    parser.add_argument("output")
    parser.add_argument("--width", type=int, default=80)
    parser.add_argument("--height", type=int, default=24)
    parser.add_argument("--light", action="store_true", help="a light terminal background")
    arguments = parser.parse_args()
    with open(arguments.capture, encoding="utf-8", errors="replace") as capture:
        grid = parse(capture.read(), arguments.width, arguments.height)
    render(grid, arguments.output, arguments.light)
    return 0


if __name__ == "__main__":
    sys.exit(main())
