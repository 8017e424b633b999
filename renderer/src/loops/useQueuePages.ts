import { useCallback, useMemo, useRef, useState } from 'react'
import type { RequestOf } from '../../../shared/ipc/contract'
import { toFailure } from '../actions'
import { call } from '../api/transport'
import type { LookupFailure } from '../store'
import type { LoopRow } from './loopsStore'

/** Rows fetched per request while scrolling: the core's queue answers a page in milliseconds. */
export const PAGE_SIZE = 100

export type QueueFilter = NonNullable<RequestOf<'loops.queue'>['filter']>
export type QueueSort = NonNullable<RequestOf<'loops.queue'>['sort']>

export interface QueueQuery {
  filter: QueueFilter
  sort: QueueSort
}

export interface QueuePages {
  /** Rows matching the query on the server (null until the first page arrived). */
  total: number | null
  error: LookupFailure | null
  rowAt(index: number): LoopRow | undefined
  /** Every row fetched so far, in queue order ("select all loaded"). */
  loadedRows: LoopRow[]
  /** Fetches the pages covering these row indexes (inclusive) unless already there or on the way. */
  ensureRange(first: number, last: number): void
}

interface Loaded {
  queryKey: string
  total: number | null
  pages: ReadonlyMap<number, LoopRow[]>
  error: LookupFailure | null
}

/**
 * Server-side paging for a virtualised list: only the pages the user scrolls to are fetched.
 * After a change (`revision`), the pages on screen are fetched again while the old rows stay
 * visible, so a bulk assignment does not blank the list.
 */
export function useQueuePages(query: QueueQuery, revision: number): QueuePages {
  const queryKey = JSON.stringify(query)
  const [loaded, setLoaded] = useState<Loaded>({ queryKey, total: null, pages: new Map(), error: null })
  // Pages fetched or in flight, per query and revision; only touched in callbacks.
  const requested = useRef(new Set<string>())

  const current: Loaded =
    loaded.queryKey === queryKey ? loaded : { queryKey, total: null, pages: new Map(), error: null }

  const fetchPage = useCallback(
    (page: number) => {
      const tag = `${revision}:${queryKey}:${page}`
      if (requested.current.has(tag)) return
      requested.current.add(tag)
      const { filter, sort } = JSON.parse(queryKey) as QueueQuery
      call('loops.queue', { filter, sort, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then(
        (answer) =>
          setLoaded((prev) => {
            const pages = new Map(prev.queryKey === queryKey ? prev.pages : [])
            pages.set(page, answer.rows)
            return { queryKey, total: answer.total, pages, error: null }
          }),
        (err: unknown) => {
          // Allow a retry when the user scrolls there again.
          requested.current.delete(tag)
          setLoaded((prev) => ({
            ...(prev.queryKey === queryKey ? prev : { queryKey, total: null, pages: new Map() }),
            error: toFailure(err),
          }))
        },
      )
    },
    [queryKey, revision],
  )

  const ensureRange = useCallback(
    (first: number, last: number) => {
      const from = Math.floor(Math.max(0, first) / PAGE_SIZE)
      const to = Math.floor(Math.max(0, last) / PAGE_SIZE)
      for (let page = from; page <= to; page++) fetchPage(page)
    },
    [fetchPage],
  )

  const { pages, total, error } = current
  const loadedRows = useMemo(
    () => [...pages.entries()].sort(([a], [b]) => a - b).flatMap(([, rows]) => rows),
    [pages],
  )
  const rowAt = useCallback(
    (index: number) => pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    [pages],
  )

  return { total, error, rowAt, loadedRows, ensureRange }
}
