import Glibc
import Synchronization
import Testing
import UplinkLinux

@Suite("the I/O loop")
struct IOLoopTests {
    @Test("a watched descriptor's handler runs when data arrives, and not after the watch stops")
    func watchAndStop() async throws {
        let loop = IOLoop()
        var descriptors: [Int32] = [-1, -1]
        #expect(pipe(&descriptors) == 0)
        defer { for descriptor in descriptors { close(descriptor) } }
        _ = fcntl(descriptors[0], F_SETFL, O_NONBLOCK)
        let received = Mutex<[UInt8]>([])
        let reader = descriptors[0]
        let watch = loop.watch(reader) {
            var buffer = [UInt8](repeating: 0, count: 16)
            while true {
                let count = read(reader, &buffer, buffer.count)
                guard count > 0 else { break }
                received.withLock { $0 += buffer[0..<count] }
            }
        }
        var bytes: [UInt8] = [1, 2, 3]
        _ = write(descriptors[1], &bytes, 3)
        for _ in 0..<200 where received.withLock({ $0.count }) < 3 { try await Task.sleep(for: .milliseconds(5)) }
        #expect(received.withLock { $0 } == [1, 2, 3])

        loop.stopWatching(watch)
        try await Task.sleep(for: .milliseconds(20))
        var more: [UInt8] = [4]
        _ = write(descriptors[1], &more, 1)
        try await Task.sleep(for: .milliseconds(50))
        #expect(received.withLock { $0 } == [1, 2, 3], "a stopped watch's handler does not run")
    }
}
