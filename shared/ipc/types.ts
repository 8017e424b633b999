import type { z } from 'zod'
import type {
  AppInfoSchema,
  CustomerCardSchema,
  CustomerSummarySchema,
  FeedbackItemSchema,
  LoopSummarySchema,
  NewCustomerSchema,
  ScreenPopResultSchema,
} from './schemas'

export type CustomerCard = z.infer<typeof CustomerCardSchema>
export type CustomerSummary = z.infer<typeof CustomerSummarySchema>
export type FeedbackItem = z.infer<typeof FeedbackItemSchema>
export type LoopSummary = z.infer<typeof LoopSummarySchema>
export type ScreenPopResult = z.infer<typeof ScreenPopResultSchema>
export type AppInfo = z.infer<typeof AppInfoSchema>
export type NewCustomer = z.input<typeof NewCustomerSchema>
