import type { DB } from '../db/connection'
import type { DashboardFilter } from '../../../shared/ipc/dashboardContract'
import { DAY_MS, type DayRange } from '../../../shared/domain/kpi'
import { feedbackExpr, topicsJson } from './rollups'
import { Where, type Source } from './query'

export interface TopicDayRow {
  day: number
  topic: string
  m: number
  d: number
}

/** Topic mentions per day (and how many came with a detractor score), from the rollup or raw rows. */
export function topicDays(db: DB, source: Source, range: DayRange, filter: DashboardFilter): TopicDayRow[] {
  if (source === 'rollup') {
    const where = new Where().add('day >= @fromDay AND day < @toDay', { ...range })
    if (filter.vertical) where.add('vertical = @vertical', { vertical: filter.vertical })
    if (filter.channel) where.add('channel = @channel', { channel: filter.channel })
    if (filter.language) where.add('language = @language', { language: filter.language })
    return db
      .prepare(
        `SELECT day, topic, sum(mentions) AS m, sum(detractors) AS d FROM dash_topic_day ${where.sql} GROUP BY day, topic`,
      )
      .all(where.params) as TopicDayRow[]
  }
  const e = feedbackExpr('f')
  const where = new Where()
    .add('f.answered_at >= @from AND f.answered_at < @to AND f.topics IS NOT NULL', {
      from: range.fromDay * DAY_MS,
      to: range.toDay * DAY_MS,
    })
    .add('c.id = f.customer_id')
  if (filter.vertical) where.add('c.vertical = @vertical', { vertical: filter.vertical })
  if (filter.channel) where.add(`${e.channel} = @channel`, { channel: filter.channel })
  if (filter.language) where.add(`${e.language} = @language`, { language: filter.language })
  return db
    .prepare(
      `SELECT ${e.day} AS day, t.value AS topic, count(*) AS m, sum(${e.detractors}) AS d
         FROM feedback f, customers c, json_each(${topicsJson('f')}) t ${where.sql} GROUP BY day, topic`,
    )
    .all(where.params) as TopicDayRow[]
}

export interface TopicTrend {
  topic: string
  mentions: number
  detractors: number
  previous: number
  trend: number[]
}

/** The most mentioned topics of the current period with their count before and per trend bucket. */
export function reduceTopics(
  rows: readonly TopicDayRow[],
  current: DayRange,
  previous: DayRange,
  buckets: readonly DayRange[],
  top = 8,
): TopicTrend[] {
  const byTopic = new Map<string, TopicTrend>()
  for (const r of rows) {
    if (r.m === 0 && r.d === 0) continue
    let t = byTopic.get(r.topic)
    if (!t) {
      t = { topic: r.topic, mentions: 0, detractors: 0, previous: 0, trend: buckets.map(() => 0) }
      byTopic.set(r.topic, t)
    }
    if (r.day >= current.fromDay && r.day < current.toDay) {
      t.mentions += r.m
      t.detractors += r.d
      const i = buckets.findIndex((b) => r.day >= b.fromDay && r.day < b.toDay)
      if (i >= 0) t.trend[i] = (t.trend[i] as number) + r.m
    } else if (r.day >= previous.fromDay && r.day < previous.toDay) t.previous += r.m
  }
  return [...byTopic.values()]
    .filter((t) => t.mentions > 0)
    .sort((a, b) => b.mentions - a.mentions || a.topic.localeCompare(b.topic))
    .slice(0, top)
}
