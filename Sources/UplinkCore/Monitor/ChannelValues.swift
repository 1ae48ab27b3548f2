/// One value per connectivity channel, addressable by channel.
public struct ChannelValues<Value: Sendable>: Sendable {
    /// The value for `.any`.
    public var any: Value
    /// The value for `.ipv4`.
    public var ipv4: Value
    /// The value for `.ipv6`.
    public var ipv6: Value

    public init(any: Value, ipv4: Value, ipv6: Value) {
        self.any = any
        self.ipv4 = ipv4
        self.ipv6 = ipv6
    }

    /// The same value on every channel.
    public init(repeating value: Value) {
        self.init(any: value, ipv4: value, ipv6: value)
    }

    public subscript(channel: ConnectivityChannel) -> Value {
        get {
            switch channel {
            case .any: self.any
            case .ipv4: self.ipv4
            case .ipv6: self.ipv6
            }
        }
        set {
            switch channel {
            case .any: self.any = newValue
            case .ipv4: self.ipv4 = newValue
            case .ipv6: self.ipv6 = newValue
            }
        }
    }
}

extension ChannelValues: Equatable where Value: Equatable {}
extension ChannelValues: Hashable where Value: Hashable {}
