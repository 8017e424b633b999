import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { ProgressReport, TaskArgs, TaskName, TaskResult, WorkerInit } from './analyticsTasks'

type Reply =
  | { id: number; progress: ProgressReport }
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; message: string }

/**
 * The bundled worker next to the main bundle (Electron build); else the TypeScript source, loaded
 * through tsx's loader registered inside the worker (headless mode, tests, benchmarks).
 */
function startWorker(init: WorkerInit): Worker {
  const here = path.dirname(fileURLToPath(import.meta.url))
  const built = path.join(here, 'analyticsWorker.js')
  if (fs.existsSync(built)) return new Worker(built, { workerData: init })
  const tsxApi = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href
  const source = pathToFileURL(path.join(here, 'analyticsWorker.ts')).href
  const bootstrap = `import { register } from ${JSON.stringify(tsxApi)}; register(); await import(${JSON.stringify(source)})`
  return new Worker(bootstrap, { eval: true, workerData: init })
}

/**
 * One long-lived worker thread with its own database connections. Requests queue on it, so a full
 * recompute and a dashboard query never run on the main thread, and never two recomputes at once.
 */
export function createAnalyticsClient(init: WorkerInit) {
  let worker: Worker | null = null
  let nextId = 1
  const pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void; progress?: (p: ProgressReport) => void }
  >()

  function start(): Worker {
    const w = startWorker(init)
    w.on('message', (msg: Reply) => {
      const waiting = pending.get(msg.id)
      if (!waiting) return
      if ('progress' in msg) return waiting.progress?.(msg.progress)
      pending.delete(msg.id)
      if (msg.ok) waiting.resolve(msg.result)
      else waiting.reject(new Error(msg.message))
    })
    w.on('error', (err) => {
      for (const p of pending.values()) p.reject(err)
      pending.clear()
      worker = null
    })
    w.on('exit', () => {
      worker = null
    })
    return w
  }

  return {
    run<T extends TaskName>(
      task: T,
      args: TaskArgs<T>,
      progress?: (p: ProgressReport) => void,
      signal?: AbortSignal,
    ): Promise<Awaited<TaskResult<T>>> {
      const w = (worker ??= start())
      const id = nextId++
      signal?.addEventListener('abort', () => w.postMessage({ id, cancel: true }), { once: true })
      return new Promise((resolve, reject) => {
        pending.set(id, {
          resolve: resolve as (v: unknown) => void,
          reject,
          ...(progress ? { progress } : {}),
        })
        w.postMessage({ id, task, args })
      })
    },
    async close(): Promise<void> {
      const w = worker
      worker = null
      if (w) await w.terminate()
    },
  }
}

export type AnalyticsClient = ReturnType<typeof createAnalyticsClient>
