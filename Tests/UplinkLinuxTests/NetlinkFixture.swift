import Foundation
import UplinkLinux

/// The real rtnetlink messages in NetlinkFixtures/, captured by NetlinkFixtures/capture-fixtures on
/// Linux 6.18.44 (x86_64) inside throw-away namespaces; the file's header says how.
///
/// Each block is named `step/number` after the capture step and the message's place in it, such as
/// `vA-carrier/1` (the first message after the peer came up).
struct NetlinkFixture: Sendable {
    /// The file the fixtures come from, relative to this source file.
    static let fileName = "NetlinkFixtures/rtnetlink-6.18.44.txt"

    /// Every block, in file order.
    let blocks: [(name: String, bytes: [UInt8])]

    /// The fixtures, read once.
    static let shared: NetlinkFixture = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let path = folder.appendingPathComponent(Self.fileName).path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            fatalError("cannot read the netlink fixtures at \(path)")
        }
        return NetlinkFixture(parsing: text)
    }()

    init(parsing text: String) {
        var blocks: [(name: String, bytes: [UInt8])] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("@ ") {
                blocks.append((String(line.dropFirst(2)), []))
            } else if !line.hasPrefix("#"), !blocks.isEmpty {
                blocks[blocks.count - 1].bytes += line.split(separator: " ").map { UInt8($0, radix: 16)! }
            }
        }
        self.blocks = blocks
    }

    /// The bytes of one block; a missing name is a mistake in the test.
    func bytes(_ name: String) -> [UInt8] {
        guard let block = self.blocks.first(where: { $0.name == name }) else {
            fatalError("no netlink fixture named \(name)")
        }
        return block.bytes
    }

    /// The one message in a block, parsed.
    func message(_ name: String) throws -> NetlinkMessage {
        let messages = try NetlinkMessage.parse(self.bytes(name))
        precondition(messages.count == 1, "fixture \(name) holds \(messages.count) messages")
        return messages[0]
    }

    /// Every message of the notification steps, in capture order (the dumps and the answers to
    /// requests left out).
    func notifications() throws -> [NetlinkMessage] {
        try self.blocks.filter { block in
            !block.name.hasPrefix("dump-") && !block.name.hasPrefix("ack-") && !block.name.hasPrefix("error-")
        }.flatMap { try NetlinkMessage.parse($0.bytes) }
    }

    /// The messages of the blocks whose names start with `prefix` ("dump-links/"), in order.
    func messages(startingWith prefix: String) throws -> [NetlinkMessage] {
        try self.blocks.filter { $0.name.hasPrefix(prefix) }.flatMap { try NetlinkMessage.parse($0.bytes) }
    }
}
