/// The WPA2-Personal PSK of a passphrase: PBKDF2-HMAC-SHA1 over the SSID, 4096 rounds, 32 bytes
/// (IEEE 802.11i, what `wpa_passphrase` prints).
///
/// It is here so that a network configured with a 64-hex-digit `psk` joins exactly when the hex is
/// the right one, as with a real access point. No Foundation or crypto library: this script stays
/// self-contained, and speed does not matter for six networks.
enum PassphraseHash {
    /// The 32-byte PSK of `passphrase` on the network `ssid`.
    static func psk(passphrase: String, ssid: [UInt8]) -> [UInt8] {
        let password = Array(passphrase.utf8)
        var key: [UInt8] = []
        for block in UInt32(1)...2 {
            let index: [UInt8] = [
                UInt8(block >> 24), UInt8((block >> 16) & 0xFF), UInt8((block >> 8) & 0xFF), UInt8(block & 0xFF),
            ]
            var round = self.hmac(key: password, message: ssid + index)
            var sum = round
            for _ in 1..<4096 {
                round = self.hmac(key: password, message: round)
                for position in 0..<sum.count { sum[position] ^= round[position] }
            }
            key += sum
        }
        return Array(key.prefix(32))
    }

    /// HMAC-SHA1 (RFC 2104).
    static func hmac(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var block = key.count > 64 ? self.sha1(key) : key
        block += [UInt8](repeating: 0, count: 64 - block.count)
        let inner = self.sha1(block.map { $0 ^ 0x36 } + message)
        return self.sha1(block.map { $0 ^ 0x5C } + inner)
    }

    /// SHA-1 (FIPS 180-4) of a whole message.
    static func sha1(_ message: [UInt8]) -> [UInt8] {
        var state: [UInt32] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0]
        var padded = message + [0x80]
        padded += [UInt8](repeating: 0, count: (64 - (padded.count + 8) % 64) % 64)
        let bits = UInt64(message.count) * 8
        for shift in stride(from: 56, through: 0, by: -8) { padded.append(UInt8((bits >> UInt64(shift)) & 0xFF)) }
        var words = [UInt32](repeating: 0, count: 80)
        for chunk in stride(from: 0, to: padded.count, by: 64) {
            for index in 0..<16 {
                let offset = chunk + index * 4
                words[index] =
                    UInt32(padded[offset]) << 24 | UInt32(padded[offset + 1]) << 16 | UInt32(padded[offset + 2]) << 8
                    | UInt32(padded[offset + 3])
            }
            for index in 16..<80 {
                let mixed = words[index - 3] ^ words[index - 8] ^ words[index - 14] ^ words[index - 16]
                words[index] = mixed << 1 | mixed >> 31
            }
            var (a, b, c, d, e) = (state[0], state[1], state[2], state[3], state[4])
            for index in 0..<80 {
                let (function, constant): (UInt32, UInt32)
                switch index {
                case 0..<20: (function, constant) = ((b & c) | (~b & d), 0x5A82_7999)
                case 20..<40: (function, constant) = (b ^ c ^ d, 0x6ED9_EBA1)
                case 40..<60: (function, constant) = ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC)
                default: (function, constant) = (b ^ c ^ d, 0xCA62_C1D6)
                }
                let rotated = a << 5 | a >> 27
                let next = rotated &+ function &+ e &+ constant &+ words[index]
                (e, d, c, b, a) = (d, c, b << 30 | b >> 2, a, next)
            }
            state[0] &+= a
            state[1] &+= b
            state[2] &+= c
            state[3] &+= d
            state[4] &+= e
        }
        return state.flatMap { word in [24, 16, 8, 0].map { UInt8((word >> UInt32($0)) & 0xFF) } }
    }
}
