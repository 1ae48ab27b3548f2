import UplinkCore

/// The operator's own SSH session, from `SSH_CONNECTION` ("client-address client-port
/// server-address server-port"): the dashboard asks before cutting the branch the technician sits on.
public struct OperatorSession: Hashable, Sendable {
    /// Where the operator connects from.
    public var clientAddress: String
    /// The device's address the session arrived on; the interface holding it carries the session.
    public var localAddress: IPAddress

    public init(clientAddress: String, localAddress: IPAddress) {
        self.clientAddress = clientAddress
        self.localAddress = localAddress
    }

    /// The session described by an `SSH_CONNECTION` value; nil when it is absent or not in that form.
    public init?(sshConnection: String?) {
        guard let sshConnection else { return nil }
        let fields = sshConnection.split(separator: " ")
        // OpenSSH writes IPv6 addresses bare; an IPv4-mapped one reads as ::ffff:a.b.c.d.
        guard fields.count == 4, let local = IPAddress(fields[2].split(separator: "%").first ?? fields[2]) else {
            return nil
        }
        self.init(clientAddress: String(fields[0]), localAddress: local)
    }
}

/// A question the dashboard asks before doing something hard to undo from where the operator sits.
public struct Confirmation: Hashable, Sendable {
    /// The question, for the footer; it ends by saying which key confirms.
    public var question: String
    /// What is done when the operator confirms.
    public var effects: [DashboardEffect]
    /// What the footer says when the operator declines.
    public var declined: String
}
