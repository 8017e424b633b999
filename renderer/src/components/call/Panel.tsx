import { useEffect, type ReactNode } from 'react'
import Box from '@mui/material/Box'
import Typography from '@mui/material/Typography'

/**
 * One titled block of the call workspace. A `scroll` panel takes the room left in its column and
 * scrolls inside it (the page itself never scrolls at 1366x768); the scroller is focusable so
 * keyboard users can scroll it too.
 */
export function Panel({
  id,
  title,
  children,
  scroll = false,
  headingRef,
  testId,
  grow = 1,
}: {
  id: string
  title: ReactNode
  children: ReactNode
  scroll?: boolean
  headingRef?: React.RefObject<HTMLHeadingElement | null>
  testId?: string
  grow?: number
}) {
  return (
    <Box
      component="section"
      aria-labelledby={id}
      data-testid={testId}
      sx={{
        minWidth: 0,
        minHeight: 0,
        display: 'flex',
        flexDirection: 'column',
        flex: scroll ? `${grow} 1 0` : '0 0 auto',
      }}
    >
      <Typography
        component="h3"
        variant="h3"
        id={id}
        ref={headingRef}
        tabIndex={headingRef ? -1 : undefined}
        sx={{ mb: 0.5 }}
      >
        {title}
      </Typography>
      {scroll ? (
        <Box
          role="region"
          aria-labelledby={id}
          tabIndex={0}
          sx={{ minHeight: 48, overflowY: 'auto', flex: '1 1 0', pr: 0.5, borderRadius: 0.5 }}
        >
          {children}
        </Box>
      ) : (
        children
      )}
    </Box>
  )
}

/** One of the three columns of the call workspace. */
export function Column({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Box
      role="group"
      aria-label={label}
      data-testid={testId}
      sx={{
        minWidth: 0,
        minHeight: 0,
        display: 'flex',
        flexDirection: 'column',
        gap: 1.25,
        overflow: { xs: 'visible', md: 'hidden' },
        p: 1.25,
        border: '1px solid',
        borderColor: 'divider',
        borderRadius: 1,
        bgcolor: 'background.paper',
      }}
    >
      {children}
    </Box>
  )
}

const MIN_HEIGHT = 460

/**
 * Sizes the workspace to the window below its own top edge, minus the footer and the main area's
 * bottom padding, so the whole call fits one screen; narrow windows fall back to normal page flow.
 */
export function useFitToViewport(ref: React.RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const el = ref.current
    if (!el) return
    const fit = () => {
      if (window.innerWidth < 900) {
        el.style.height = ''
        return
      }
      const top = el.getBoundingClientRect().top + window.scrollY
      const footer = document.querySelector('footer')?.getBoundingClientRect().height ?? 0
      const main = document.querySelector('main')
      const padBottom = main ? parseFloat(getComputedStyle(main).paddingBottom) || 0 : 0
      el.style.height = `${Math.max(MIN_HEIGHT, Math.floor(window.innerHeight - top - footer - padBottom))}px`
    }
    fit()
    const observer = new ResizeObserver(fit)
    observer.observe(document.body)
    window.addEventListener('resize', fit)
    return () => {
      observer.disconnect()
      window.removeEventListener('resize', fit)
    }
  }, [ref])
}
