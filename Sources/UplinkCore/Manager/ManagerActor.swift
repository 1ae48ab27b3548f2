/// The one actor that owns the manager's state.
///
/// Everything the core does — link changes, commands, automations, timers, implementation
/// callbacks — runs serially on this actor, which plays the part of the single event loop of iwd,
/// ConnMan or networkd. Implementations are isolated to it too, so their callbacks can read and
/// change their binding without locks; work they do elsewhere hops back here to report.
@globalActor
public actor ManagerActor {
    public static let shared = ManagerActor()
}
