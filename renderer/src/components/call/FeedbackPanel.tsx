import Box from '@mui/material/Box'
import Chip from '@mui/material/Chip'
import Typography from '@mui/material/Typography'
import SentimentDissatisfiedIcon from '@mui/icons-material/SentimentDissatisfied'
import SentimentNeutralIcon from '@mui/icons-material/SentimentNeutral'
import SentimentSatisfiedIcon from '@mui/icons-material/SentimentSatisfiedAlt'
import HelpOutlineIcon from '@mui/icons-material/HelpOutlineOutlined'
import { useTranslation } from 'react-i18next'
import { TOPICS, type Topic } from '../../../../shared/domain/commentLexicon'
import type { NpsGroup } from '../../../../shared/domain/nps'
import type { CallContext } from '../../../../shared/ipc/callsContract'
import type { FeedbackItem } from '../../../../shared/ipc/types'
import { useFormatters } from './useFormatters'
import type { ChipColor } from '../insight'

type Analysis = CallContext['feedback'][number]
type Polarity = NonNullable<Analysis['polarity']>

const NPS_COLOR: Record<NpsGroup, ChipColor> = { promoter: 'success', passive: 'default', detractor: 'error' }
const POLARITY: Record<Polarity, { Icon: typeof SentimentNeutralIcon; color: string }> = {
  positive: { Icon: SentimentSatisfiedIcon, color: 'success.main' },
  neutral: { Icon: SentimentNeutralIcon, color: 'text.secondary' },
  negative: { Icon: SentimentDissatisfiedIcon, color: 'error.main' },
  unknown: { Icon: HelpOutlineIcon, color: 'text.secondary' },
}

function isTopic(value: string): value is Topic {
  return (TOPICS as readonly string[]).includes(value)
}

/** A BCP 47-looking language tag, safe to put into a lang attribute. */
function langAttr(code: string | null): string | undefined {
  return code && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(code) ? code : undefined
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The comment with the phrases the analysis quoted (price, competitor, cancellation) in bold. */
export function highlight(comment: string, mentions: string[]): React.ReactNode[] {
  const phrases = mentions.map((m) => m.trim()).filter((m) => m.length > 1)
  if (phrases.length === 0) return [comment]
  const pattern = new RegExp(`(${phrases.map(escapeRegExp).join('|')})`, 'giu')
  return comment.split(pattern).map((part, index) =>
    index % 2 === 1 ? (
      <Box
        component="mark"
        key={index}
        data-testid="comment-mention"
        sx={{ bgcolor: 'transparent', color: 'inherit', fontWeight: 700, textDecoration: 'underline' }}
      >
        {part}
      </Box>
    ) : (
      part
    ),
  )
}

/** Recent answers with their comments, sentiment (icon + word) and topics. */
export function FeedbackPanel({ items, context }: { items: FeedbackItem[]; context: CallContext | null }) {
  const { t } = useTranslation()
  const fmt = useFormatters()
  const analysis = new Map((context?.feedback ?? []).map((a) => [a.id, a]))
  if (items.length === 0) {
    return (
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        {t('card.noFeedback')}
      </Typography>
    )
  }
  return (
    <Box component="ul" data-testid="feedback-list" sx={{ listStyle: 'none', m: 0, p: 0 }}>
      {items.map((item, index) => {
        const a = analysis.get(item.id)
        const polarity = item.comment && a?.polarity ? a.polarity : null
        const PolarityIcon = polarity ? POLARITY[polarity].Icon : null
        return (
          <Box
            component="li"
            key={item.id}
            data-testid="feedback-item"
            sx={{ py: 0.5, borderTop: index === 0 ? 'none' : '1px solid', borderColor: 'divider' }}
          >
            <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 0.75 }}>
              <Typography component="span" variant="body2" sx={{ fontWeight: 600 }}>
                {fmt.date(item.answeredAt)}
              </Typography>
              {item.nps !== null && (
                <Chip
                  variant="outlined"
                  color={item.npsGroup ? NPS_COLOR[item.npsGroup] : 'default'}
                  label={`${t('card.feedbackNps', { score: item.nps })}${item.npsGroup ? ` · ${t(`npsGroup.${item.npsGroup}`)}` : ''}`}
                />
              )}
              {item.intent !== null && (
                <Typography component="span" variant="body2">
                  {t('card.feedbackIntent', { value: fmt.percent(item.intent) })}
                </Typography>
              )}
              {polarity && PolarityIcon && (
                <Box
                  component="span"
                  data-testid="feedback-sentiment"
                  data-polarity={polarity}
                  sx={{
                    display: 'inline-flex',
                    alignItems: 'center',
                    gap: 0.25,
                    typography: 'body2',
                    color: POLARITY[polarity].color,
                    fontWeight: 600,
                  }}
                >
                  <PolarityIcon fontSize="inherit" aria-hidden="true" />
                  {t('calls.feedback.sentimentLabel', { value: t(`calls.feedback.sentiment.${polarity}`) })}
                </Box>
              )}
              {item.channel && (
                <Typography component="span" variant="caption" sx={{ color: 'text.secondary' }}>
                  {t('card.feedbackChannel', { channel: item.channel })}
                </Typography>
              )}
            </Box>
            {item.comment ? (
              <Typography
                variant="body2"
                lang={langAttr(item.language)}
                sx={{ mt: 0.25, whiteSpace: 'pre-wrap' }}
              >
                {highlight(item.comment, a?.mentions ?? [])}
              </Typography>
            ) : (
              <Typography variant="body2" sx={{ mt: 0.25, color: 'text.secondary', fontStyle: 'italic' }}>
                {t('card.noComment')}
              </Typography>
            )}
            {a && a.topics.length > 0 && (
              <Box
                component="ul"
                aria-label={t('calls.feedback.topics')}
                sx={{ listStyle: 'none', m: 0, mt: 0.25, p: 0, display: 'flex', gap: 0.5, flexWrap: 'wrap' }}
              >
                {a.topics.map((topic) => (
                  <li key={topic}>
                    <Chip
                      variant="outlined"
                      data-testid="feedback-topic"
                      label={isTopic(topic) ? t(`calls.topic.${topic}`) : topic}
                      sx={{ height: 20 }}
                    />
                  </li>
                ))}
              </Box>
            )}
          </Box>
        )
      })}
    </Box>
  )
}
