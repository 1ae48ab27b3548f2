import Glibc

/// A system call that failed, with the call's name and errno, for the adapter's errors.
///
/// The description says what failed in words and, for the errors an operator can fix, how:
/// a refused privilege names the capability (root or CAP_NET_ADMIN), as `ip` does not.
public struct SystemCallError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The C function that failed (`socket`, `bind`, `sendto`…), or a short name for an operation.
    public var function: String
    /// The errno it returned.
    public var errno: Int32
    /// What the call was for, if the caller said ("set eth0 up").
    public var operation: String?

    public init(_ function: String, errno: Int32, operation: String? = nil) {
        self.function = function
        self.errno = errno
        self.operation = operation
    }

    /// True for EPERM and EACCES: the process lacks a privilege.
    public var isPermissionDenied: Bool { self.errno == EPERM || self.errno == EACCES }

    public var description: String {
        // The fix comes first, so that a footer or a log cut short still shows it.
        if self.isPermissionDenied {
            let what = self.operation.map { " to \($0)" } ?? ""
            return "needs root or CAP_NET_ADMIN\(what) (\(self.function) not permitted)"
        }
        let subject = self.operation.map { "\($0): " } ?? ""
        return subject + "\(self.function) failed: \(String(cString: strerror(self.errno)))"
    }
}

/// Runs a system call, retrying it when a signal interrupts it (EINTR), and throws its errno as a
/// `SystemCallError` naming the call.
@discardableResult
func retryingInterrupts<T: BinaryInteger>(
    _ function: String,
    operation: String? = nil,
    _ call: () -> T
) throws(SystemCallError) -> T {
    while true {
        let result = call()
        if result >= 0 { return result }
        let error = Glibc.errno
        if error == EINTR { continue }
        throw SystemCallError(function, errno: error, operation: operation)
    }
}
