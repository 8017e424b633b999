import { app, session, shell, type WebContents } from 'electron'

export const APP_SCHEME = 'app'
export const APP_ORIGIN = `${APP_SCHEME}://loopdesk`

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** Origins the window may show: the packaged renderer, or electron-vite's dev server in development. */
export function isTrustedUrl(url: string, devServerUrl: string | undefined): boolean {
  try {
    const origin = new URL(url).origin
    if (url.startsWith(`${APP_ORIGIN}/`)) return true
    return devServerUrl !== undefined && origin === new URL(devServerUrl).origin
  } catch {
    return false
  }
}

function openExternalIfWeb(url: string): void {
  try {
    const parsed = new URL(url)
    if (parsed.protocol === 'https:' || parsed.protocol === 'http:')
      void shell.openExternal(parsed.toString())
  } catch {
    // not a URL: nothing to open
  }
}

/** Locks down every web contents the app creates: no navigation away, no new windows, no webviews. */
export function hardenWebContents(devServerUrl: string | undefined): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.setWindowOpenHandler(({ url }) => {
      openExternalIfWeb(url)
      return { action: 'deny' }
    })
    contents.on('will-navigate', (event, url) => {
      if (!isTrustedUrl(url, devServerUrl)) {
        event.preventDefault()
        openExternalIfWeb(url)
      }
    })
    contents.on('will-redirect', (event, url) => {
      if (!isTrustedUrl(url, devServerUrl)) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
  })
}

/** Camera, microphone, notifications, geolocation...: the desktop asks for none, so all are refused. */
export function denyPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
}
