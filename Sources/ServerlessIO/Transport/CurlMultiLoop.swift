import CCurl
import Foundation

/// One curl multi handle driven by one dedicated thread: transfers queue here, at most
/// `maxActive` run at once, and connections stay in the multi handle's cache for reuse
/// (HTTP/2 streams share one connection when the server offers it).
package final class CurlMultiLoop: @unchecked Sendable {
    private let multi: UnsafeMutableRawPointer
    private let maxActive: Int

    private let lock = NSLock()
    // Guarded by `lock`.
    private var waiting: [CurlTransfer] = []
    private var cancelled: [CurlTransfer] = []
    private var stopping = false

    // Touched only by the loop thread.
    private var running: [UnsafeMutableRawPointer: CurlTransfer] = [:]

    package init(maxActive: Int) throws {
        guard CurlGlobal.ensureInitialized(), let multi = curl_multi_init() else {
            throw CurlTransfer.SetupFailure(reason: .invalidOptions(detail: "libcurl could not be initialised"))
        }
        self.multi = multi
        self.maxActive = max(1, maxActive)
        // Keep an idle connection for every request that may run at once.
        _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(8, self.maxActive))
        _ = ccurl_multi_setopt_long(multi, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
        let thread = Thread { [self] in run() }
        thread.name = "serverless-curl"
        thread.start()
    }

    /// Queues a transfer; its outcome arrives through `CurlTransfer.complete`.
    package func start(_ transfer: CurlTransfer) {
        lock.lock()
        if transfer.cancelRequested || stopping {
            lock.unlock()
            transfer.complete(.cancelled)
            return
        }
        waiting.append(transfer)
        wakeLocked()
    }

    /// Stops a transfer wherever it is; safe before `start` and after completion.
    package func cancel(_ transfer: CurlTransfer) {
        lock.lock()
        transfer.cancelRequested = true
        if let index = waiting.firstIndex(where: { $0 === transfer }) {
            waiting.remove(at: index)
            lock.unlock()
            transfer.complete(.cancelled)
            return
        }
        cancelled.append(transfer)
        wakeLocked()
    }

    /// Ends the thread; transfers still queued or running complete as cancelled.
    package func shutdown() {
        lock.lock()
        stopping = true
        wakeLocked()
    }

    /// Wakes the loop, then unlocks. Waking under the lock means the loop, which frees the multi
    /// handle only after seeing `stopping` under the same lock, cannot free it mid-call.
    private func wakeLocked() {
        curl_multi_wakeup(multi)
        lock.unlock()
    }

    private func run() {
        while true {
            lock.lock()
            if stopping {
                let left = waiting
                waiting = []
                lock.unlock()
                for transfer in left { transfer.complete(.cancelled) }
                break
            }
            let toCancel = cancelled
            cancelled = []
            var admitted: [CurlTransfer] = []
            while running.count + admitted.count < maxActive, !waiting.isEmpty {
                admitted.append(waiting.removeFirst())
            }
            lock.unlock()

            for transfer in toCancel where running.removeValue(forKey: transfer.easy) != nil {
                curl_multi_remove_handle(multi, transfer.easy)
                transfer.complete(.cancelled)
            }
            for transfer in admitted {
                if curl_multi_add_handle(multi, transfer.easy) == CURLM_OK {
                    running[transfer.easy] = transfer
                } else {
                    transfer.complete(.failure(CurlFailure(code: -1, text: "could not add the transfer")))
                }
            }

            var stillRunning: Int32 = 0
            curl_multi_perform(multi, &stillRunning)
            collectFinished()

            // Finished transfers made room for queued ones: admit them without sleeping.
            lock.lock()
            let moreToAdmit = !waiting.isEmpty && running.count < maxActive
            lock.unlock()
            if moreToAdmit { continue }
            curl_multi_poll(multi, nil, 0, 1000, nil)
        }
        for (easy, transfer) in running {
            curl_multi_remove_handle(multi, easy)
            transfer.complete(.cancelled)
        }
        running = [:]
        curl_multi_cleanup(multi)
    }

    private func collectFinished() {
        var left: Int32 = 0
        while let message = curl_multi_info_read(multi, &left) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            let code = ccurl_msg_result(message)
            curl_multi_remove_handle(multi, easy)
            running.removeValue(forKey: easy)?.finish(code: code)
        }
    }
}
