import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
// i18n first: it initialises synchronously and sets <html lang> before the first render.
import './i18n'
import { App } from './App'

const container = document.getElementById('root')
if (!container) throw new Error('LoopDesk: #root element missing in index.html')

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
