/// The fault switches of a simulated device. Only the simulation implements it; a manager over real
/// interfaces has no faults to offer, and its service reports `faults` as nil.
@ManagerActor
public protocol FaultControl: AnyObject {
    /// Every fault and whether it is in effect, in the order a menu lists them.
    var faults: [FaultStatus] { get }

    /// Switches a fault on or off; the device's links and upstreams change as they would for real.
    /// - Throws: an error naming the fault when there is none with this identifier.
    func setFault(_ id: String, active: Bool) throws
}
