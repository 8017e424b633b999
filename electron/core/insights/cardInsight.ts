import type { CustomerCard } from '../../../shared/ipc/types'
import type { BaseCard } from '../services/customerCard'
import type { InsightService } from './insightService'
import type { OfferService } from './offerService'

/** Adds risk with its reasons, the model in force and ranked offers to a stored-data card. */
export function createCardCompleter(insights: InsightService, offers: OfferService) {
  return (base: BaseCard): CustomerCard => {
    const insight = insights.assess(base.customer.id)
    const model = insights.model
    const risk = insight?.risk ?? { score: 0, flags: [] }
    return {
      ...base,
      insight: {
        riskScore: risk.score,
        flags: risk.flags,
        model: {
          kind: model.kind,
          auc: model.kind === 'fitted' ? model.auc : model.baselineAuc,
          baselineAuc: model.baselineAuc,
        },
      },
      offers: insight
        ? offers.suggest(base.customer.id, {
            segment: insight.segment,
            risk: risk.score,
            valueCents: insight.valueCents,
          })
        : [],
    }
  }
}
