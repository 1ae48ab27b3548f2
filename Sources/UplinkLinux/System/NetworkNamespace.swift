import CNetlink
import Glibc

/// A network namespace for the adapter's sockets: the process's own, or one named by a path such as
/// `/run/netns/lab` (what `ip netns add lab` creates).
///
/// A socket belongs for its whole life to the namespace of the thread that created it, whichever
/// thread uses it later; so the adapter creates every socket through `run(_:)`, which runs the
/// creation on a short-lived thread that has entered the namespace. This is what lets tests drive
/// the real adapter against interfaces in namespaces they made, from inside the test process.
public struct NetworkNamespace: Hashable, Sendable, CustomStringConvertible {
    /// The namespace file, or nil for the process's own namespace.
    public let path: String?

    /// The namespace the process runs in.
    public static let current = NetworkNamespace(path: nil)

    /// A namespace by file.
    public init(path: String?) {
        self.path = path
    }

    /// A namespace created by `ip netns add NAME`.
    public init(named name: String) {
        self.path = "/run/netns/" + name
    }

    public var description: String { self.path ?? "the current network namespace" }

    /// Runs `body` with the calling thread's view of the network being this namespace's.
    /// - Throws: `SystemCallError` when the namespace cannot be opened or entered (entering one
    ///   needs CAP_SYS_ADMIN), or what `body` throws.
    public func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) throws -> T {
        guard let path = self.path else { return try body() }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SystemCallError("open", errno: errno, operation: "open \(path)") }
        defer { close(descriptor) }
        let outcome = NamespaceOutcome<T>()
        let context = NamespaceThreadContext(descriptor: descriptor, path: path) {
            outcome.result = Result { try body() }
        }
        var thread = pthread_t()
        let unmanaged = Unmanaged.passRetained(context)
        let created = pthread_create(
            &thread, nil,
            { raw in
                let context = Unmanaged<NamespaceThreadContext>.fromOpaque(raw!).takeRetainedValue()
                context.runInNamespace()
                return nil
            }, unmanaged.toOpaque())
        guard created == 0 else {
            unmanaged.release()
            throw SystemCallError("pthread_create", errno: created, operation: "enter \(path)")
        }
        pthread_join(thread, nil)
        if let failure = context.failure { throw failure }
        return try outcome.result!.get()
    }
}

extension NetworkNamespace {
    /// Opens a socket in this namespace (socket(2)), close-on-exec, with the given type flags.
    /// - Parameter operation: what the socket is for, for the error ("open a netlink socket").
    /// - Throws: `SystemCallError` naming `socket` or the namespace that could not be entered.
    public func socket(domain: Int32, type: Int32, protocol: Int32, operation: String) throws(SystemCallError) -> Int32
    {
        do {
            return try self.run { () throws(SystemCallError) -> Int32 in
                try retryingInterrupts("socket", operation: operation) {
                    Glibc.socket(domain, type | Int32(SOCK_CLOEXEC.rawValue), `protocol`)
                }
            }
        } catch let error as SystemCallError {
            throw error
        } catch {
            throw SystemCallError("socket", errno: EINVAL, operation: "\(operation): \(error)")
        }
    }
}

/// What the namespace thread produced; written by that thread before the join that reads it.
private final class NamespaceOutcome<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}

/// The namespace thread's instructions and its failure to enter, if any.
private final class NamespaceThreadContext: @unchecked Sendable {
    let descriptor: Int32
    let path: String
    let work: () -> Void
    var failure: SystemCallError?

    init(descriptor: Int32, path: String, work: @escaping () -> Void) {
        self.descriptor = descriptor
        self.path = path
        self.work = work
    }

    func runInNamespace() {
        guard cnl_enter_network_namespace(self.descriptor) == 0 else {
            self.failure = SystemCallError("setns", errno: errno, operation: "enter \(self.path)")
            return
        }
        self.work()
    }
}
