import CNetlink
import Glibc
import Testing
import UplinkCore

@testable import UplinkLinux

/// How the request path reads the kernel's answers, with answers made up or captured: no root needed.
@Suite("netlink connection: answers to requests")
struct NetlinkConnectionTests {
    static func answer(_ error: Int32, sequence: UInt32) -> NetlinkMessage {
        let request = RtnetlinkRequest.setAdminState(up: true, index: 7, sequence: sequence)
        return NetlinkMessage(
            type: UInt16(NLMSG_ERROR), flags: UInt16(NLM_F_CAPPED), sequence: sequence,
            payload: .error(NetlinkErrorMessage(error: error, echoedRequest: Array(request.bytes.prefix(16)))))
    }

    private static func outcome(_ replies: [NetlinkMessage], accepting: Set<Int32> = []) -> Result<
        Void, SystemCallError
    >? {
        RtnetlinkConnection.outcome(
            of: replies, sequence: 5, request: "RTM_NEWLINK", operation: "set vA up", accepting: accepting)
    }

    @Test("an acknowledgement is success")
    func acknowledged() throws {
        let outcome = try #require(Self.outcome([Self.answer(0, sequence: 5)]))
        #expect((try? outcome.get()) != nil)
    }

    @Test("EPERM says that it needs root or CAP_NET_ADMIN, naming the operation and the request")
    func permissionDenied() throws {
        let outcome = try #require(Self.outcome([Self.answer(-EPERM, sequence: 5)]))
        guard case .failure(let error) = outcome else {
            Issue.record("EPERM succeeded")
            return
        }
        #expect(error.isPermissionDenied)
        #expect(error.description == "needs root or CAP_NET_ADMIN to set vA up (RTM_NEWLINK not permitted)")
    }

    @Test("an errno the caller accepts (already gone) is success; others are errors")
    func accepted() throws {
        let gone = try #require(Self.outcome([Self.answer(-ESRCH, sequence: 5)], accepting: [ESRCH]))
        #expect((try? gone.get()) != nil)
        let other = try #require(Self.outcome([Self.answer(-ENODEV, sequence: 5)], accepting: [ESRCH]))
        guard case .failure(let error) = other else {
            Issue.record("ENODEV succeeded")
            return
        }
        #expect(error.description == "set vA up: RTM_NEWLINK failed: No such device")
    }

    @Test("answers to other requests are skipped")
    func otherSequence() {
        #expect(Self.outcome([Self.answer(-EPERM, sequence: 4)]) == nil)
        #expect(Self.outcome([]) == nil)
    }

    @Test("the kernel's explanation joins the error (captured extended acknowledgement)")
    func kernelExplanation() throws {
        let captured = try NetlinkFixture.shared.message("error-extended-ack/1")
        let outcome = try #require(
            RtnetlinkConnection.outcome(
                of: [captured], sequence: 12, request: "RTM_NEWADDR", operation: "add 198.18.0.77/33 to interface 1",
                accepting: []))
        guard case .failure(let error) = outcome else {
            Issue.record("EINVAL succeeded")
            return
        }
        #expect(
            error.description
                == "add 198.18.0.77/33 to interface 1 (ipv4: Invalid prefix length): RTM_NEWADDR failed: Invalid argument"
        )
    }

    @Test("the configurator refuses a prefix length or metric out of range before asking the kernel")
    func badInput() throws {
        let configurator = try RtnetlinkConfigurator()
        #expect {
            try configurator.addAddress(
                "198.18.0.1", prefixLength: 33, broadcast: nil, validLifetime: nil, preferredLifetime: nil, on: 1)
        } throws: { error in
            "\(error)"
                == "add 198.18.0.1/33 to interface 1 (a prefix length is 0 to 32): RTM_NEWADDR failed: Invalid argument"
        }
        #expect {
            try configurator.addDefaultRoute(via: "198.18.0.254", on: 1, metric: -1)
        } throws: { error in
            "\(error)".hasPrefix(
                "add default route via 198.18.0.254 on interface 1 with metric -1 (a metric is 0 to 4294967295)")
        }
    }

    @Test("lifetimes go to the kernel in whole seconds; nil is forever")
    func lifetimes() {
        #expect(RtnetlinkConfigurator.seconds(nil) == AddressCacheInfo.infinite)
        #expect(RtnetlinkConfigurator.seconds(.seconds(300)) == 300)
        #expect(RtnetlinkConfigurator.seconds(.milliseconds(1999)) == 1)
        #expect(RtnetlinkConfigurator.seconds(.seconds(-5)) == 0)
        #expect(RtnetlinkConfigurator.seconds(.seconds(Int64(1) << 40)) == AddressCacheInfo.infinite - 1)
    }
}
