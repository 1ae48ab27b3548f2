import Glibc
import Testing
import UplinkLinux

@Suite("network namespaces")
struct NetworkNamespaceTests {
    @Test("the current namespace runs the body on the calling thread's view")
    func currentNamespace() throws {
        let value = try NetworkNamespace.current.run { 42 }
        #expect(value == 42)
    }

    @Test("a namespace that does not exist is an error naming its file")
    func missingNamespace() {
        #expect {
            try NetworkNamespace(named: "uplink-no-such-namespace").run { 0 }
        } throws: { error in
            "\(error)".hasPrefix("open /run/netns/uplink-no-such-namespace: open failed")
        }
    }
}
