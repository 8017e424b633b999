import type { CountryCode } from 'libphonenumber-js'
import type { DB } from './db/connection'
import type { ScreenPopService } from './services/screenPop'
import type { InsightService } from './insights/insightService'
import type { OfferService } from './insights/offerService'
import type { CommentAnalyzer } from './insights/commentAnalysis'
import type { AnalyticsClient } from './workers/analyticsClient'
import type { createSettings } from './settings'
import type { createFeedbackService } from './insights/feedbackService'
import type { Sessions } from './loops/sessions'
import type { LoopService } from './loops/loopService'

/** The services every area's handlers are built from (see core.ts). */
export interface CoreContext {
  db: DB
  dbPath: string
  nativeBinding?: string
  region: CountryCode
  mode: 'electron' | 'headless'
  clock: () => number
  settings: ReturnType<typeof createSettings>
  insights: InsightService
  offers: OfferService
  screenPop: ScreenPopService
  feedback: ReturnType<typeof createFeedbackService>
  analyzer: CommentAnalyzer
  analytics: AnalyticsClient
  sessions: Sessions
  loops: LoopService
}
