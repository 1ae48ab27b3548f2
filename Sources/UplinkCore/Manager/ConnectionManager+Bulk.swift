/// The bulk API: one call for every interface, in index order.
///
/// Each visits every interface even after a failure and throws the first error it met (the one
/// from the lowest index), as the reference's `conn_mgr_all_if_*` do, so one broken interface never
/// keeps the others down.
extension ConnectionManager {
    /// Brings every interface that is down administratively up.
    /// - Parameter skippingIgnored: leave ignored interfaces alone.
    public func bringAllUp(skippingIgnored: Bool = false) throws {
        try self.perform { () throws in
            var firstError: (any Error)?
            self.bringAllUp(skippingIgnored: skippingIgnored, firstError: &firstError) { _ in true }
            if let firstError { throw firstError }
        }
    }

    /// Takes every interface that is up administratively down.
    /// - Parameter skippingIgnored: leave ignored interfaces alone.
    public func takeAllDown(skippingIgnored: Bool = false) throws {
        try self.perform { () throws in
            var firstError: (any Error)?
            for interface in self.interfacesInOrder(skippingIgnored: skippingIgnored) where interface.link.isAdminUp {
                Self.keepFirst(&firstError) { try self.linkControl.setAdminState(up: false, of: interface.id) }
            }
            if let firstError { throw firstError }
        }
    }

    /// Brings every interface up, bound or not, then connects every bound one.
    ///
    /// The first pass leaves down a non-persistent binding whose implementation has no
    /// configuration: the point of the configuration check (the reference's PR #107232) is not to
    /// power such an interface up, and the connect pass reports it with `noConfiguration`.
    /// - Parameter skippingIgnored: leave ignored interfaces alone in both passes.
    public func connectAll(skippingIgnored: Bool = false) throws {
        try self.perform { () throws in
            var firstError: (any Error)?
            self.bringAllUp(skippingIgnored: skippingIgnored, firstError: &firstError) { interface in
                guard let binding = self.binding(for: interface.link.index), let implementation = binding.implementation
                else { return true }
                return binding.flags.contains(.persistent) || implementation.hasConfiguration(binding)
            }
            for interface in self.interfacesInOrder(skippingIgnored: skippingIgnored) {
                guard let binding = self.binding(for: interface.link.index), binding.isBound else { continue }
                Self.keepFirst(&firstError) { try self.connect(binding, interface) }
            }
            if let firstError { throw firstError }
        }
    }

    /// Disconnects every bound interface. It does not take interfaces down itself; auto-down may.
    /// - Parameter skippingIgnored: leave ignored interfaces alone.
    public func disconnectAll(skippingIgnored: Bool = false) throws {
        try self.perform { () throws in
            var firstError: (any Error)?
            for interface in self.interfacesInOrder(skippingIgnored: skippingIgnored) {
                guard let binding = self.binding(for: interface.link.index), binding.isBound else { continue }
                Self.keepFirst(&firstError) { try self.disconnect(binding, interface) }
            }
            if let firstError { throw firstError }
        }
    }

    private func bringAllUp(
        skippingIgnored: Bool,
        firstError: inout (any Error)?,
        where shouldBringUp: (MonitoredInterface) -> Bool
    ) {
        for interface in self.interfacesInOrder(skippingIgnored: skippingIgnored)
        where !interface.link.isAdminUp && shouldBringUp(interface) {
            Self.keepFirst(&firstError) { try self.linkControl.setAdminState(up: true, of: interface.id) }
        }
    }

    private func interfacesInOrder(skippingIgnored: Bool) -> [MonitoredInterface] {
        self.monitor.interfaces.values
            .filter { !(skippingIgnored && $0.isIgnored) }
            .sorted { $0.link.index < $1.link.index }
    }

    private static func keepFirst(_ firstError: inout (any Error)?, _ body: () throws -> Void) {
        do {
            try body()
        } catch {
            if firstError == nil { firstError = error }
        }
    }
}
