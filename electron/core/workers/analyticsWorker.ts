import { parentPort, workerData } from 'node:worker_threads'
import { createTasks, type TaskName, type WorkerInit } from './analyticsTasks'

type Request = { id: number; task: TaskName; args: unknown } | { id: number; cancel: true }

const port = parentPort
if (!port) throw new Error('analyticsWorker must run as a worker thread')
const tasks = createTasks(workerData as WorkerInit)
/** Running async tasks (imports) that can be cancelled between batches. */
const running = new Map<number, AbortController>()

port.on('message', (msg: Request) => {
  if ('cancel' in msg) {
    running.get(msg.id)?.abort()
    return
  }
  const controller = new AbortController()
  running.set(msg.id, controller)
  const run = tasks[msg.task] as (
    args: unknown,
    progress: (p: unknown) => void,
    signal: AbortSignal,
  ) => unknown
  Promise.resolve()
    .then(() => run(msg.args, (progress) => port.postMessage({ id: msg.id, progress }), controller.signal))
    .then(
      (result) => port.postMessage({ id: msg.id, ok: true, result }),
      (err: unknown) => port.postMessage({ id: msg.id, ok: false, message: (err as Error).message }),
    )
    .finally(() => running.delete(msg.id))
})
