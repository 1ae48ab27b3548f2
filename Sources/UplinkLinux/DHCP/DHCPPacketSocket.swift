import CPacket
import Glibc
import Synchronization
import UplinkCore

/// The DHCP client's way onto the link: an AF_PACKET socket of type SOCK_DGRAM bound to one
/// interface for IPv4 (packet(7)), and, once there is a lease, a UDP socket for unicast renewals.
///
/// - Before a lease the client has no address, so the kernel's UDP cannot carry its messages: it
///   writes its own IPv4 and UDP headers and sends broadcast frames to ff:ff:ff:ff:ff:ff.
/// - Every reply is read here, broadcast or unicast, through a socket filter that wakes the socket
///   for IPv4 UDP to port 68 only (`DHCPSocketFilter`). The filter is attached before the socket is
///   bound to a protocol, so no unfiltered packet is ever queued.
/// - The kernel reports each packet's checksum status (PACKET_AUXDATA). A veth leaves UDP checksums
///   partial (TP_STATUS_CSUMNOTREADY); such packets are accepted rather than checked, or no offer
///   from a server on the same host would ever be taken.
/// - Renewals (RENEWING) and the release go unicast to the server, so they travel on a UDP socket
///   bound to the leased address and port 68: the kernel routes them and resolves the next hop, and
///   the bound port keeps the kernel from answering the server's unicast reply with a port
///   unreachable. That socket's own copy of the reply is discarded: the packet socket sees the same
///   frame, and one reading path keeps replies in order. When it cannot be used (the address is not
///   on the interface yet), the message goes as a broadcast frame to the server's IP address.
///
/// Sockets are created in the namespace given, so tests run the client against interfaces of
/// namespaces they made.
public final class DHCPPacketSocket: DHCPTransport {
    /// The interface the socket is bound to.
    public let interface: InterfaceID
    public let hardwareAddress: [UInt8]
    private let namespace: NetworkNamespace
    private let loop: IOLoop
    private let receive: @ManagerActor @Sendable ([DHCPMessage]) -> Void
    private let descriptors: Mutex<Descriptors>

    private struct Descriptors {
        var packet: Int32
        var packetWatch: IOLoop.Watch?
        var unicast: Int32 = -1
        var unicastAddress: IPv4Address?
        var unicastWatch: IOLoop.Watch?
    }

    /// The biggest packet read; larger ones (which no DHCP server sends on Ethernet) are dropped.
    private static let receiveCapacity = 4096

    /// Opens the packet socket on `interface` and starts reading it.
    /// - Throws: `DHCPTransportError`; without CAP_NET_RAW it says "needs root or CAP_NET_RAW".
    public init(
        interface: InterfaceID,
        namespace: NetworkNamespace = .current,
        loop: IOLoop = .shared,
        receive: @escaping @ManagerActor @Sendable ([DHCPMessage]) -> Void
    ) throws {
        self.interface = interface
        self.namespace = namespace
        self.loop = loop
        self.receive = receive
        let descriptor = try Self.openPacketSocket(on: interface, in: namespace)
        do {
            self.hardwareAddress = try Self.hardwareAddress(of: descriptor, interface: interface)
        } catch {
            Glibc.close(descriptor)
            throw error
        }
        self.descriptors = Mutex(Descriptors(packet: descriptor))
        let watch = loop.watch(descriptor) { [weak self] in self?.readPackets() }
        self.descriptors.withLock { $0.packetWatch = watch }
    }

    deinit {
        self.close()
    }

    // MARK: - Sending

    public func send(_ message: DHCPMessage, to destination: DHCPClientStateMachine.Destination) throws {
        switch destination {
        case .broadcast:
            try self.sendFrame(message, to: IPv4Address(value: .max))
        case .unicast(let server):
            do {
                try self.sendUnicast(message, to: server)
            } catch {
                try self.sendFrame(message, to: server)
            }
        }
    }

    /// Sends the message in a link-layer broadcast frame with our own IPv4 and UDP headers.
    private func sendFrame(_ message: DHCPMessage, to destination: IPv4Address) throws {
        let packet = IPv4UDPDatagram(
            source: message.clientAddress,
            destination: destination,
            sourcePort: DHCPClientStateMachine.clientPort,
            destinationPort: DHCPClientStateMachine.serverPort,
            payload: message.encoded()
        ).encoded()
        var address = cpk_sockaddr_ll()
        address.sll_family = UInt16(AF_PACKET)
        address.sll_protocol = UInt16(CPK_ETH_P_IP).bigEndian
        address.sll_ifindex = Int32(self.interface.index.rawValue)
        address.sll_halen = UInt8(CPK_ETH_ALEN)
        address.sll_addr = (0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0)
        try self.descriptors.withLock { descriptors throws(DHCPTransportError) in
            let descriptor = descriptors.packet
            guard descriptor >= 0 else { throw DHCPTransportError(SystemCallError("sendto", errno: EBADF)) }
            do throws(SystemCallError) {
                try retryingInterrupts("sendto", operation: "send DHCP on \(self.interface.name)") {
                    withUnsafePointer(to: &address) { pointer in
                        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                            sendto(
                                descriptor, packet, packet.count, 0, $0, socklen_t(MemoryLayout<cpk_sockaddr_ll>.size))
                        }
                    }
                }
            } catch {
                throw DHCPTransportError(error)
            }
        }
    }

    /// Sends the message as UDP from `ciaddr`:68 to the server's port 67.
    private func sendUnicast(_ message: DHCPMessage, to server: IPv4Address) throws {
        let payload = message.encoded()
        let source = message.clientAddress
        try self.descriptors.withLock { descriptors throws(DHCPTransportError) in
            if descriptors.unicastAddress != source { self.closeUnicast(&descriptors) }
            if descriptors.unicast < 0 {
                let descriptor = try Self.openUnicastSocket(
                    bound: source, interface: self.interface, in: self.namespace)
                descriptors.unicast = descriptor
                descriptors.unicastAddress = source
                // Only drained: the packet socket delivers the same replies.
                descriptors.unicastWatch = self.loop.watch(descriptor) { [weak self] in self?.discardUnicast() }
            }
            var address = Self.socketAddress(server, port: DHCPClientStateMachine.serverPort)
            let descriptor = descriptors.unicast
            do throws(SystemCallError) {
                try retryingInterrupts("sendto", operation: "send DHCP to \(server)") {
                    withUnsafePointer(to: &address) { pointer in
                        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                            sendto(descriptor, payload, payload.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                        }
                    }
                }
            } catch {
                throw DHCPTransportError(error)
            }
        }
    }

    // MARK: - Receiving

    /// Runs on the I/O loop's thread: reads every queued packet, keeps the DHCP replies and hands
    /// them to the manager's actor in one batch. The lock is held throughout, so `close` cannot
    /// close the descriptor under the read.
    private func readPackets() {
        var messages: [DHCPMessage] = []
        self.descriptors.withLock { descriptors in
            guard descriptors.packet >= 0 else { return }
            var buffer = [UInt8](repeating: 0, count: Self.receiveCapacity)
            while true {
                var info = cpk_packet_info()
                let count = buffer.withUnsafeMutableBytes { bytes in
                    cpk_receive(descriptors.packet, bytes.baseAddress!, bytes.count, &info)
                }
                if count < 0 {
                    if errno == EINTR { continue }
                    // EAGAIN: all read. Anything else (ENETDOWN after the interface went) ends this
                    // round too; the socket stays watched for when the interface is back.
                    break
                }
                guard Int(info.original_length) <= Self.receiveCapacity,
                    info.source.sll_pkttype != UInt8(CPK_PACKET_OUTGOING)
                else { continue }
                if let message = Self.dhcpMessage(Array(buffer[0..<count]), info: info) { messages.append(message) }
            }
        }
        guard !messages.isEmpty else { return }
        let receive = self.receive
        Task { @ManagerActor in receive(messages) }
    }

    /// The DHCP message in a received packet, or nil for one that is malformed or not for a client.
    static func dhcpMessage(_ bytes: [UInt8], info: cpk_packet_info) -> DHCPMessage? {
        let status: PacketChecksumStatus
        if info.has_auxdata == 0 {
            status = .unverified
        } else if info.status & CPK_TP_STATUS_CSUMNOTREADY != 0 {
            status = .partial
        } else if info.status & CPK_TP_STATUS_CSUM_VALID != 0 {
            status = .verified
        } else {
            status = .unverified
        }
        guard let datagram = try? IPv4UDPDatagram(parsing: bytes, checksumStatus: status),
            datagram.destinationPort == DHCPClientStateMachine.clientPort,
            datagram.sourcePort == DHCPClientStateMachine.serverPort
        else { return nil }
        return try? DHCPMessage(parsing: datagram.payload)
    }

    private func discardUnicast() {
        self.descriptors.withLock { descriptors in
            guard descriptors.unicast >= 0 else { return }
            var buffer = [UInt8](repeating: 0, count: Self.receiveCapacity)
            while recv(descriptors.unicast, &buffer, buffer.count, 0) >= 0 || errno == EINTR {}
        }
    }

    // MARK: - Closing

    public func close() {
        self.descriptors.withLock { descriptors in
            if let watch = descriptors.packetWatch { self.loop.stopWatching(watch) }
            descriptors.packetWatch = nil
            if descriptors.packet >= 0 { Glibc.close(descriptors.packet) }
            descriptors.packet = -1
            self.closeUnicast(&descriptors)
        }
    }

    private func closeUnicast(_ descriptors: inout Descriptors) {
        if let watch = descriptors.unicastWatch { self.loop.stopWatching(watch) }
        descriptors.unicastWatch = nil
        if descriptors.unicast >= 0 { Glibc.close(descriptors.unicast) }
        descriptors.unicast = -1
        descriptors.unicastAddress = nil
    }

    // MARK: - Opening

    private static func openPacketSocket(on interface: InterfaceID, in namespace: NetworkNamespace)
        throws(DHCPTransportError) -> Int32
    {
        let operation = "open a packet socket on \(interface.name)"
        let descriptor: Int32
        do {
            // Protocol 0: the socket receives nothing until it is bound below, after the filter.
            descriptor = try namespace.socket(
                domain: AF_PACKET, type: Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), protocol: 0,
                operation: operation)
        } catch {
            throw DHCPTransportError(error)
        }
        do {
            var on: Int32 = 1
            try retryingInterrupts("setsockopt PACKET_AUXDATA", operation: operation) {
                setsockopt(descriptor, CPK_SOL_PACKET, CPK_PACKET_AUXDATA, &on, socklen_t(MemoryLayout<Int32>.size))
            }
            let program = DHCPSocketFilter.program.map {
                cpk_sock_filter(code: $0.code, jt: $0.jumpIfTrue, jf: $0.jumpIfFalse, k: $0.k)
            }
            try retryingInterrupts("setsockopt SO_ATTACH_FILTER", operation: operation) {
                cpk_attach_filter(descriptor, program, UInt16(program.count))
            }
            var address = cpk_sockaddr_ll()
            address.sll_family = UInt16(AF_PACKET)
            address.sll_protocol = UInt16(CPK_ETH_P_IP).bigEndian
            address.sll_ifindex = Int32(interface.index.rawValue)
            try retryingInterrupts("bind", operation: operation) {
                withUnsafePointer(to: &address) { pointer in
                    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        bind(descriptor, $0, socklen_t(MemoryLayout<cpk_sockaddr_ll>.size))
                    }
                }
            }
        } catch {
            Glibc.close(descriptor)
            throw DHCPTransportError(error)
        }
        return descriptor
    }

    /// The interface's MAC, as the bound packet socket reports it (packet(7): getsockname).
    private static func hardwareAddress(of descriptor: Int32, interface: InterfaceID) throws(DHCPTransportError)
        -> [UInt8]
    {
        var address = cpk_sockaddr_ll()
        var length = socklen_t(MemoryLayout<cpk_sockaddr_ll>.size)
        do {
            try retryingInterrupts("getsockname", operation: "read the MAC of \(interface.name)") {
                withUnsafeMutablePointer(to: &address) { pointer in
                    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
                }
            }
        } catch {
            throw DHCPTransportError(error)
        }
        guard address.sll_hatype == UInt16(CPK_ARPHRD_ETHER), address.sll_halen == UInt8(CPK_ETH_ALEN) else {
            throw DHCPTransportError(
                SystemCallError(
                    "getsockname", errno: EPROTONOSUPPORT,
                    operation: "\(interface.name) is not Ethernet (hardware type \(address.sll_hatype))"))
        }
        return withUnsafeBytes(of: address.sll_addr) { Array($0.prefix(Int(CPK_ETH_ALEN))) }
    }

    private static func openUnicastSocket(
        bound source: IPv4Address,
        interface: InterfaceID,
        in namespace: NetworkNamespace
    ) throws(DHCPTransportError) -> Int32 {
        let operation = "open a UDP socket on \(source) for \(interface.name)"
        let descriptor: Int32
        do {
            descriptor = try namespace.socket(
                domain: AF_INET, type: Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), protocol: 0,
                operation: operation)
        } catch {
            throw DHCPTransportError(error)
        }
        do {
            var on: Int32 = 1
            try retryingInterrupts("setsockopt SO_REUSEADDR", operation: operation) {
                setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
            }
            var address = Self.socketAddress(source, port: DHCPClientStateMachine.clientPort)
            try retryingInterrupts("bind", operation: operation) {
                withUnsafePointer(to: &address) { pointer in
                    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                    }
                }
            }
        } catch {
            Glibc.close(descriptor)
            throw DHCPTransportError(error)
        }
        return descriptor
    }

    private static func socketAddress(_ address: IPv4Address, port: UInt16) -> sockaddr_in {
        var socketAddress = sockaddr_in()
        socketAddress.sin_family = sa_family_t(AF_INET)
        socketAddress.sin_port = port.bigEndian
        socketAddress.sin_addr = in_addr(s_addr: address.value.bigEndian)
        return socketAddress
    }
}
