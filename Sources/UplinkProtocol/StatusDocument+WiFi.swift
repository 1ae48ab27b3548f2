import UplinkCore

/// The `wifi` member of an interface in `status --json`. SSIDs appear twice: `ssid` for people
/// (UTF-8, or `\xNN` for bytes that are not text) and `ssid_hex` with the exact bytes, for scripts.
extension StatusDocument {
    static func wifi(_ status: WiFiStatus) -> JSONValue {
        let current = status.networks.first(where: \.isCurrent)
        return .object([
            ("problem", .string(status.problem)),
            ("current", current.map { self.ssid($0.ssid) } ?? .null),
            ("join", self.join(status.join)),
            ("scan", .string(self.scanCode(status.scan))),
            ("networks", .array(status.networks.map(self.network))),
        ])
    }

    private static func join(_ join: WiFiJoinState) -> JSONValue {
        switch join {
        case .idle:
            return .object([("state", .string("idle"))])
        case .joining(let ssid, _, _):
            return .object([("state", .string("joining")), ("network", self.ssid(ssid))])
        case .joined(let ssid):
            return .object([("state", .string("joined")), ("network", self.ssid(ssid))])
        case .failed(let ssid, let reason):
            return .object([("state", .string("failed")), ("network", self.ssid(ssid)), ("reason", .string(reason))])
        }
    }

    private static func scanCode(_ scan: WiFiScanState) -> String {
        switch scan {
        case .idle: "idle"
        case .scanning: "scanning"
        case .finished: "finished"
        case .failed(let reason): "failed: \(reason)"
        }
    }

    private static func network(_ network: WiFiNetwork) -> JSONValue {
        .object([
            ("ssid", .string(network.ssid.displayName)),
            ("ssid_hex", .string(self.hex(network.ssid.bytes))),
            ("signal_dbm", network.signal.map { .integer($0) } ?? .null),
            ("security", .string(network.security.rawValue)),
            ("frequency_mhz", network.frequency.map { .integer($0) } ?? .null),
            ("known", .bool(network.isKnown)),
            ("current", .bool(network.isCurrent)),
        ])
    }

    private static func ssid(_ ssid: SSID) -> JSONValue {
        .object([("ssid", .string(ssid.displayName)), ("ssid_hex", .string(self.hex(ssid.bytes)))])
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
