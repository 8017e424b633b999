import { parentPort, workerData } from 'node:worker_threads'
import { createTasks, type TaskName, type WorkerInit } from './analyticsTasks'

interface Request {
  id: number
  task: TaskName
  args: unknown
}

const port = parentPort
if (!port) throw new Error('analyticsWorker must run as a worker thread')
const tasks = createTasks(workerData as WorkerInit)

port.on('message', (msg: Request) => {
  try {
    const run = tasks[msg.task] as (args: unknown, progress: (p: unknown) => void) => unknown
    const result = run(msg.args, (progress) => port.postMessage({ id: msg.id, progress }))
    port.postMessage({ id: msg.id, ok: true, result })
  } catch (err) {
    port.postMessage({ id: msg.id, ok: false, message: (err as Error).message })
  }
})
