@testable import UplinkTerminal

/// The codes `wget_wch` returns for text: one character code per Unicode scalar.
func characters(_ text: String) -> [InputCode] {
    text.unicodeScalars.map { .character($0.value) }
}

/// One character code.
func byte(_ value: UInt32) -> InputCode {
    .character(value)
}
