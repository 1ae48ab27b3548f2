import CNetlink
import Glibc
import UplinkCore

/// Turns rtnetlink messages into the core's link changes, remembering each link's technology so that
/// sysfs is read once per interface rather than on every `RTM_NEWLINK`.
///
/// Only messages about links themselves count: the bridge sends `AF_BRIDGE` link messages about its
/// ports to the same group — an `RTM_DELLINK` among them when a port merely leaves the bridge — and those
/// are dropped, as are acknowledgements and anything else that is not a link or an address.
struct LinkChangeTranslator {
    var classifier: TechnologyClassifier
    private var technologies: [InterfaceIndex: Technology] = [:]

    init(classifier: TechnologyClassifier) {
        self.classifier = classifier
    }

    /// The changes that notifications describe, in their order.
    mutating func changes(for messages: [NetlinkMessage]) -> [LinkChange] {
        var changes: [LinkChange] = []
        for message in messages {
            switch message.payload {
            case .link(let link) where link.family == UInt8(AF_UNSPEC):
                let index = InterfaceIndex(Int(link.index))
                if message.type == UInt16(RTM_NEWLINK) {
                    changes.append(.link(self.snapshot(of: link)))
                } else if message.type == UInt16(RTM_DELLINK) {
                    self.technologies[index] = nil
                    changes.append(.linkRemoved(index))
                }
            case .address(let addressMessage)
            where addressMessage.family == UInt8(AF_INET) || addressMessage.family == UInt8(AF_INET6):
                guard let address = InterfaceAddress(addressMessage) else { continue }
                let index = InterfaceIndex(Int(addressMessage.index))
                if message.type == UInt16(RTM_NEWADDR) {
                    changes.append(.address(index, address))
                } else if message.type == UInt16(RTM_DELADDR) {
                    changes.append(.addressRemoved(index, address.address, prefixLength: address.prefixLength))
                }
            case .link, .address, .done, .error, .overrun, .route, .other:
                continue
            }
        }
        return changes
    }

    /// The `.replaceAll` a dump describes; the remembered technologies start over from it.
    mutating func replaceAll(links: [LinkMessage], addresses: [AddressMessage]) -> LinkChange {
        self.technologies = [:]
        var snapshots: [InterfaceIndex: LinkSnapshot] = [:]
        for link in links where link.family == UInt8(AF_UNSPEC) {
            snapshots[InterfaceIndex(Int(link.index))] = self.snapshot(of: link)
        }
        var byInterface: [InterfaceIndex: [InterfaceAddress]] = [:]
        for message in addresses {
            guard let address = InterfaceAddress(message) else { continue }
            let index = InterfaceIndex(Int(message.index))
            // A dump can meet an address twice when it changes in between; the later one wins.
            byInterface[index, default: []].removeAll {
                $0.address == address.address && $0.prefixLength == address.prefixLength
            }
            byInterface[index, default: []].append(address)
        }
        return .replaceAll(snapshots.values.sorted { $0.index < $1.index }, addresses: byInterface)
    }

    private mutating func snapshot(of link: LinkMessage) -> LinkSnapshot {
        let index = InterfaceIndex(Int(link.index))
        let technology = self.technologies[index] ?? self.classifier.technology(of: link)
        self.technologies[index] = technology
        return LinkSnapshot(link, technology: technology)
    }
}
