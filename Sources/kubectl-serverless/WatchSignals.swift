import Foundation

/// SIGINT and SIGTERM end `--watch` cleanly: what was printed is flushed and the process exits with the
/// last finished round's exit code, within a second of the signal (the handler only notes it; a poller
/// 20 times a second does the rest, outside the signal handler).
enum WatchSignals {
    nonisolated(unsafe) static var received: sig_atomic_t = 0
    private static let state = LastRound()

    /// The exit code a signal now ends the command with.
    static func roundEnded(exitCode: Int32) { state.set(exitCode) }

    /// Output is written under this lock, so a signal never cuts a round's lines in half.
    static func printing(_ body: () -> Void) { state.printing(body) }

    static func install() {
        signal(SIGINT) { _ in WatchSignals.received = 1 }
        signal(SIGTERM) { _ in WatchSignals.received = 1 }
        // A parent may have blocked them (test runners do); the user's Ctrl-C must still arrive.
        unblock()
        Thread.detachNewThread {
            unblock()
            while WatchSignals.received == 0 { usleep(50_000) }
            state.exit()
        }
    }

    private static func unblock() {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    private final class LastRound: @unchecked Sendable {
        private let lock = NSLock()
        private var code: Int32 = 0

        func set(_ value: Int32) { lock.withLock { code = value } }

        func printing(_ body: () -> Void) { lock.withLock { body() } }

        func exit() -> Never {
            lock.lock()
            fflush(stdout)
            _exit(code)
        }
    }
}
